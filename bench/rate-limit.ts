import { percentile, RateLimiter, systemClock } from '@backbone/shared/core';
import { createFirestore, FirestoreRateLimitStore } from '@backbone/shared/gcp';

export interface RateLimitResult {
  allowedP50Ms: number;
  allowedP99Ms: number;
  blockedP50Us: number;
  blockedP99Us: number;
}

/** Percentile of non-empty sorted samples. */
const pct = (sorted: number[], p: number): number => percentile(sorted, p)!;

/** What the limiter adds to a request: a counted request (one Firestore transaction) and a blocked one (memory only). */
export async function benchRateLimit(): Promise<RateLimitResult> {
  const db = createFirestore(`demo-bench-rate-${Date.now()}`);
  const limiter = new RateLimiter(new FirestoreRateLimitStore(db), systemClock, 3_600_000, {
    anonymous: 400,
    authenticated: 1000,
    admin: 10_000,
  });
  const allowed: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    await limiter.check(`ip:10.0.${i % 200}.1`, 'anonymous');
    allowed.push(performance.now() - t);
  }
  // One key over its limit, then answered from the block cache.
  for (let i = 0; i < 401; i++) await limiter.check('ip:192.0.2.1', 'anonymous');
  const blocked: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = process.hrtime.bigint();
    await limiter.check('ip:192.0.2.1', 'anonymous');
    blocked.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  await db.terminate();
  allowed.sort((a, b) => a - b);
  blocked.sort((a, b) => a - b);
  return {
    allowedP50Ms: pct(allowed, 50),
    allowedP99Ms: pct(allowed, 99),
    blockedP50Us: pct(blocked, 50),
    blockedP99Us: pct(blocked, 99),
  };
}
