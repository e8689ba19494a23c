import { type Firestore, Timestamp } from '@google-cloud/firestore';
import { slidingCount } from '../core/ratelimit/rate-limiter';
import type { RateLimitStore } from '../core/ratelimit/rate-limit-store';

/**
 * Window counters in `rate_limits/{key}@{windowStart}`, counted in a transaction; they expire (TTL on
 * expireAt). Instances take blocks of hits (RateLimiter), so a busy caller's document is written
 * once per block, not once per request; the block cache keeps a refused caller off it entirely.
 */
export class FirestoreRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Firestore) {}

  async tryHit(
    key: string,
    windowStart: number,
    windowMs: number,
    limit: number,
    now: number,
    want = 1,
  ): Promise<{ allowed: boolean; granted: number; used: number }> {
    const id = (start: number) => `${encodeURIComponent(key)}@${start}`;
    const current = this.db.collection('rate_limits').doc(id(windowStart));
    const previous = this.db.collection('rate_limits').doc(id(windowStart - windowMs));
    return this.db.runTransaction(
      async (tx) => {
        const [cur, prev] = await tx.getAll(current, previous);
        const count = (cur!.get('count') as number | undefined) ?? 0;
        const used = slidingCount((prev!.get('count') as number | undefined) ?? 0, count, windowStart, windowMs, now);
        const granted = Math.max(0, Math.min(want, Math.floor(limit - used)));
        if (granted === 0) return { allowed: false, granted: 0, used: Math.ceil(used) };
        tx.set(current, {
          key,
          count: count + granted,
          expireAt: Timestamp.fromMillis(windowStart + 2 * windowMs),
        });
        return { allowed: true, granted, used: Math.ceil(used + granted) };
      },
      { maxAttempts: 10 },
    );
  }
}
