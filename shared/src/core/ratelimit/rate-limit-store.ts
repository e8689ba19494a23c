/**
 * Counters of a sliding window: one per key and fixed window. `tryHit` grants up to `want` hits
 * (an instance takes a block of them at once) only as far as the weighted count of the previous
 * and current windows stays within the limit, atomically; `used` counts what it granted.
 */
export interface RateLimitStore {
  tryHit(
    key: string,
    windowStart: number,
    windowMs: number,
    limit: number,
    now: number,
    want?: number,
  ): Promise<{ allowed: boolean; granted: number; used: number }>;
}
