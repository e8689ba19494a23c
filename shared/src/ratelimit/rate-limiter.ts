import type { Clock } from '../ports/clock';
import type { RateLimitStore } from '../ports/rate-limit-store';

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
 */
export class RateLimiter {
  private readonly blocked = new Map<string, number>();

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
      if (blockedUntil > now)
        return {
          allowed: false,
          limit,
          remaining: 0,
          resetSeconds,
          retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000),
        };
      this.blocked.delete(key);
    }
    const { allowed, used } = await this.store.tryHit(
      `${tier}:${key}`,
      windowStart,
      this.windowMs,
      limit,
      now,
    );
    if (allowed)
      return { allowed, limit, remaining: Math.max(0, limit - used), resetSeconds, retryAfterSeconds: 0 };
    // Refused: the weighted count can drop under the limit no later than the window's end.
    const retryAt = windowStart + this.windowMs;
    this.blocked.set(key, retryAt);
    return {
      allowed: false,
      limit,
      remaining: 0,
      resetSeconds,
      retryAfterSeconds: Math.ceil((retryAt - now) / 1000),
    };
  }
}

/** Headers of a decision (IETF RateLimit fields draft, and Retry-After on refusal). */
export function rateLimitHeaders(d: RateDecision, windowSeconds: number): Record<string, string> {
  return {
    RateLimit: `limit=${d.limit}, remaining=${d.remaining}, reset=${d.resetSeconds}`,
    'RateLimit-Policy': `${d.limit};w=${windowSeconds}`,
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
