/**
 * Counters of a sliding window: one per key and fixed window. `tryHit` counts the request only
 * if the weighted count of the previous and current windows is under the limit, atomically.
 */
export interface RateLimitStore {
  tryHit(
    key: string,
    windowStart: number,
    windowMs: number,
    limit: number,
    now: number,
  ): Promise<{ allowed: boolean; used: number }>;
}
