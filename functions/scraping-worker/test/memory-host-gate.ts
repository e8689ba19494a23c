import type { HostGate, HostLease } from '../host-gate';

/** The HostGate contract in one process; records the most requests ever in flight per host. */
export class MemoryHostGate implements HostGate {
  readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly nextStart = new Map<string, number>();
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(host: string, options: { limit: number; spacingMs: number }): Promise<HostLease> {
    for (;;) {
      const paused = (this.pausedUntil.get(host) ?? 0) - this.now();
      if (paused > 0) await new Promise((r) => setTimeout(r, paused));
      else if ((this.inFlight.get(host) ?? 0) < options.limit) break;
      else await new Promise((r) => setTimeout(r, 5));
    }
    const count = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, count);
    this.maxInFlight.set(host, Math.max(count, this.maxInFlight.get(host) ?? 0));
    if (options.spacingMs > 0) {
      const start = Math.max(this.now(), this.nextStart.get(host) ?? 0);
      this.nextStart.set(host, start + options.spacingMs);
      await new Promise((r) => setTimeout(r, start - this.now()));
    }
    return { host, id: String(++this.seq) };
  }

  async release(lease: HostLease): Promise<void> {
    this.inFlight.set(lease.host, (this.inFlight.get(lease.host) ?? 1) - 1);
  }

  async pause(host: string, untilMs: number): Promise<void> {
    this.pausedUntil.set(host, Math.max(untilMs, this.pausedUntil.get(host) ?? 0));
  }
}
