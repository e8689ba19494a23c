import { randomUUID } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import type { HostGate, HostLease } from '../ports/host-gate';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * A lease semaphore per host in Firestore, shared by every worker instance: `scrape_hosts/{host}`
 * holds the pause and the next start time, and `slots/{0..limit-1}` one lease each (with an
 * expiry, so a crashed worker's slot frees itself). One slot per transaction keeps contention to
 * the workers that want the same slot, not every worker of the host.
 */
export class FirestoreHostGate implements HostGate {
  constructor(
    private readonly db: Firestore,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(
    host: string,
    options: { limit: number; spacingMs: number; leaseMs: number },
  ): Promise<HostLease> {
    const id = randomUUID();
    for (let round = 0; ; round++) {
      const pausedUntil = ((await this.hostRef(host).get()).get('pausedUntil') as number | undefined) ?? 0;
      if (pausedUntil > this.now()) {
        await sleep(pausedUntil - this.now() + Math.random() * 50);
        continue;
      }
      const order = [...Array(options.limit).keys()].sort(() => Math.random() - 0.5);
      for (const slot of order) {
        if (await this.claim(host, slot, id, options.leaseMs)) {
          if (options.spacingMs > 0)
            await sleep((await this.reserveStart(host, options.spacingMs)) - this.now());
          return { host, id: `${slot}:${id}` };
        }
      }
      await sleep(Math.min(25 * 2 ** round, 400) * (0.5 + Math.random()));
    }
  }

  async release(lease: HostLease): Promise<void> {
    const [slot, id] = lease.id.split(':') as [string, string];
    const ref = this.slotRef(lease.host, Number(slot));
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.get('holder') === id) tx.delete(ref);
    });
  }

  async pause(host: string, untilMs: number): Promise<void> {
    const ref = this.hostRef(host);
    await this.db.runTransaction(async (tx) => {
      const current = ((await tx.get(ref)).get('pausedUntil') as number | undefined) ?? 0;
      if (untilMs > current) tx.set(ref, { pausedUntil: untilMs }, { merge: true });
    });
  }

  private async claim(host: string, slot: number, id: string, leaseMs: number): Promise<boolean> {
    const ref = this.slotRef(host, slot);
    try {
      return await this.db.runTransaction(
        async (tx) => {
          const snap = await tx.get(ref);
          const now = this.now();
          if (snap.exists && (snap.get('expiresAt') as number) > now) return false;
          tx.set(ref, { holder: id, expiresAt: now + leaseMs });
          return true;
        },
        { maxAttempts: 1 },
      );
    } catch {
      return false; // another worker took it in the meantime
    }
  }

  /** The next start time, spaced by the crawl delay from the previous one. */
  private reserveStart(host: string, spacingMs: number): Promise<number> {
    const ref = this.hostRef(host);
    return this.db.runTransaction(async (tx) => {
      const next = Math.max(this.now(), ((await tx.get(ref)).get('nextStartAt') as number | undefined) ?? 0);
      tx.set(ref, { nextStartAt: next + spacingMs }, { merge: true });
      return next;
    });
  }

  private hostRef(host: string) {
    return this.db.collection('scrape_hosts').doc(encodeURIComponent(host));
  }
  private slotRef(host: string, slot: number) {
    return this.hostRef(host).collection('slots').doc(String(slot));
  }
}
