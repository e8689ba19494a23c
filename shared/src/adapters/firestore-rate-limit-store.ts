import { type Firestore, Timestamp } from '@google-cloud/firestore';
import { slidingCount } from '../ratelimit/rate-limiter';
import type { RateLimitStore } from '../ports/rate-limit-store';

/**
 * Window counters in `rate_limits/{key}@{windowStart}`, counted in a transaction; they expire (TTL on
 * expireAt). One key's requests contend on one document: fine at the tiers' rates (at most a few
 * per second per caller), and the block cache keeps a refused caller off it entirely.
 */
export class FirestoreRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Firestore) {}

  async tryHit(
    key: string,
    windowStart: number,
    windowMs: number,
    limit: number,
    now: number,
  ): Promise<{ allowed: boolean; used: number }> {
    const id = (start: number) => `${encodeURIComponent(key)}@${start}`;
    const current = this.db.collection('rate_limits').doc(id(windowStart));
    const previous = this.db.collection('rate_limits').doc(id(windowStart - windowMs));
    return this.db.runTransaction(
      async (tx) => {
        const [cur, prev] = await tx.getAll(current, previous);
        const count = (cur!.get('count') as number | undefined) ?? 0;
        const used = slidingCount(
          (prev!.get('count') as number | undefined) ?? 0,
          count,
          windowStart,
          windowMs,
          now,
        );
        if (used + 1 > limit) return { allowed: false, used: Math.ceil(used) };
        tx.set(current, {
          key,
          count: count + 1,
          expireAt: Timestamp.fromMillis(windowStart + 2 * windowMs),
        });
        return { allowed: true, used: Math.ceil(used + 1) };
      },
      { maxAttempts: 10 },
    );
  }
}
