/** A held slot at a host: release it when the request is over. */
export interface HostLease {
  host: string;
  id: string;
}

/**
 * Politeness across every worker instance (000#19): at most `limit` requests in flight per host,
 * starts spaced by the host's crawl delay, and a pause for the whole host after it said 429/503.
 */
export interface HostGate {
  acquire(host: string, options: { limit: number; spacingMs: number; leaseMs: number }): Promise<HostLease>;
  release(lease: HostLease): Promise<void>;
  /** No new request to `host` starts before `untilMs`, for any source. */
  pause(host: string, untilMs: number): Promise<void>;
}
