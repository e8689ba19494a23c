import { TransientError, TtlCache } from '@backbone/shared/core';
import { type HostGate } from './host-gate';
import { type PageFetcher } from './page-fetcher';
import { ALLOW_ALL, ROBOTS_MAX_BYTES, robotsRules, type RobotsRules } from './robots';

const ROBOTS_TTL_MS = 3_600_000;

/**
 * Each host's robots.txt, fetched through the same gate and fetcher as pages and kept an hour per
 * instance. Missing (4xx) or unreadable: everything allowed. Unreachable (5xx, 429, network): RFC 9309 says assume
 * complete disallow, so the request is retried later rather than fetched now; that is not cached.
 */
export class RobotsCache {
  private readonly cache: TtlCache<RobotsRules>;

  constructor(
    private readonly fetcher: PageFetcher,
    private readonly gate: HostGate,
    private readonly gateOptions: { limit: number; leaseMs: number },
    now: () => number,
  ) {
    this.cache = new TtlCache(ROBOTS_TTL_MS, 10_000, now);
  }

  rulesFor(origin: string): Promise<RobotsRules> {
    return this.cache.get(origin, () => this.load(origin));
  }

  private async load(origin: string): Promise<RobotsRules> {
    const url = `${origin}/robots.txt`;
    const lease = await this.gate.acquire(new URL(origin).host, { ...this.gateOptions, spacingMs: 0 });
    try {
      // RFC 9309 §2.5: whatever its content type (or none), and the first 500 KiB of a larger one.
      const outcome = await this.fetcher.fetch(url, { accept: 'any', truncateAt: ROBOTS_MAX_BYTES });
      if (outcome.kind === 'ok') return robotsRules(url, outcome.body);
      // 4xx (no robots.txt) or a refused address: no rules to follow.
      if (outcome.kind === 'failed' && outcome.permanent) return ALLOW_ALL;
      throw new TransientError(`robots.txt of ${origin} is unreachable (${describe(outcome)}): not fetching now`);
    } finally {
      await this.gate.release(lease);
    }
  }
}

function describe(outcome: Awaited<ReturnType<PageFetcher['fetch']>>): string {
  if (outcome.kind === 'throttled') return `HTTP ${outcome.status}`;
  if (outcome.kind === 'failed') return outcome.reason;
  return outcome.kind;
}
