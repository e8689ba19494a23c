import type { Clock } from '../ports/clock';
import type { RateLimitStore } from './rate-limit-store';

/** The tiers of 000#11, per hour. */
export const RATE_TIERS = { anonymous: 100, authenticated: 1_000, admin: 10_000 } as const;
export type RateTier = keyof typeof RATE_TIERS;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** When refused: seconds until a request may succeed. */
  retryAfterSeconds: number;
}

/**
 * A sliding-window limiter (the previous fixed window's count weighted by how much of it still
 * overlaps the sliding window, plus the current one's), with shared state in a store so every
 * instance counts together, and an in-memory block cache: once a key is refused, this instance
 * refuses it again without touching the store until the block runs out.
 *
 * A busy caller is not one counter write per request (Firestore sustains about one write a second
 * to a document): an instance takes a block of hits at once and spends it locally, a block twice
 * the last when the last was spent within a minute (up to a twentieth of the limit), else one. Blocks
 * are granted only within the limit, so all instances together never admit more than it; what a
 * stopped instance still held is lost to the caller for that window (at most its last block).
 */
/** A block of hits this instance took from the shared counter and spends locally. */
interface Grant {
  windowStart: number;
  left: number;
  size: number;
  takenAt: number;
  used: number;
}

/** A block spent within this earns a twice larger next one; otherwise blocks fall back to 1 (so what a stopped instance strands is about a minute of its caller's use). */
const FAST_BLOCK_MS = 60_000;

// Module functions, not closures made per check: the limiter runs on every request.
const allowed = (limit: number, resetSeconds: number, remaining: number): RateDecision => ({
  allowed: true,
  limit,
  remaining: Math.max(0, remaining),
  resetSeconds,
  retryAfterSeconds: 0,
});
const refused = (limit: number, resetSeconds: number, waitMs: number): RateDecision => ({
  allowed: false,
  limit,
  remaining: 0,
  resetSeconds,
  retryAfterSeconds: Math.ceil(waitMs / 1000),
});

export class RateLimiter {
  private readonly blocked = new Map<string, number>();
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    private readonly windowMs = 3_600_000,
    private readonly tiers: Record<RateTier, number> = RATE_TIERS,
  ) {}

  async check(key: string, tier: RateTier): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const limit = this.tiers[tier];
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    const resetSeconds = Math.ceil((windowStart + this.windowMs - now) / 1000);
    const blockedUntil = this.blocked.get(key);
    if (blockedUntil !== undefined) {
      if (blockedUntil > now) return refused(limit, resetSeconds, blockedUntil - now);
      this.blocked.delete(key);
    }
    const storeKey = `${tier}:${key}`;
    const held = this.grants.get(storeKey);
    if (held && held.windowStart === windowStart && held.left > 0) {
      held.left--;
      return allowed(limit, resetSeconds, limit - held.used);
    }
    const maxBlock = Math.max(1, Math.floor(limit / 20));
    const spentFast = held && held.windowStart === windowStart && now - held.takenAt < FAST_BLOCK_MS;
    const want = spentFast ? Math.min(maxBlock, held.size * 2) : 1;
    const { granted, used } = await this.store.tryHit(storeKey, windowStart, this.windowMs, limit, now, want);
    if (granted > 0) {
      if (this.grants.size > 10_000) this.grants.clear(); // only unspent remainders are lost
      this.grants.set(storeKey, { windowStart, left: granted - 1, size: granted, takenAt: now, used });
      return allowed(limit, resetSeconds, limit - used);
    }
    // Refused: the weighted count can drop under the limit no later than the window's end.
    const retryAt = windowStart + this.windowMs;
    this.blocked.set(key, retryAt);
    return refused(limit, resetSeconds, retryAt - now);
  }
}

/**
 * Headers of a decision, in the syntax of the IETF RateLimit header fields draft (-08 and later:
 * structured-field items naming the policy; `q` quota and `w` window in the policy, `r` remaining
 * and `t` seconds to reset in the current state), and Retry-After on refusal.
 */
export function rateLimitHeaders(d: RateDecision, windowSeconds: number, policy = 'default'): Record<string, string> {
  return {
    RateLimit: `"${policy}";r=${d.remaining};t=${d.resetSeconds}`,
    'RateLimit-Policy': `"${policy}";q=${d.limit};w=${windowSeconds}`,
    ...(d.allowed ? {} : { 'Retry-After': String(d.retryAfterSeconds) }),
  };
}

/** The weighted count of a sliding window from its fixed windows' counts. */
export function slidingCount(
  previous: number,
  current: number,
  windowStart: number,
  windowMs: number,
  now: number,
): number {
  const overlap = 1 - (now - windowStart) / windowMs;
  return previous * overlap + current;
}
