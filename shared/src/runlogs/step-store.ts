import type { ActivityItem, FeedPosition } from './activity';
import {
  MODEL_USAGE_FIELDS,
  ROLLUP_COUNTERS,
  zeroTotals,
  type ModelUsage,
  type RollupDelta,
  type RollupTotals,
} from './run-rollup';
import type { StoredStep } from './step';

export type StepOutcome = 'stored' | 'duplicate' | 'conflict';

/** Where masked steps live: one document per (run, step), written once. */
export interface StepStore {
  /**
   * Stores each step at most once and, in the same atomic write, what it adds to its agent's daily
   * rollup and to the tenant's activity feed: a retry never counts a step twice. `duplicate` when
   * the same step was stored with the same content; `conflict` when with other content.
   */
  putAll(steps: StoredStep[]): Promise<StepOutcome[]>;
  steps(tenant: string, agentId: string, runId: string): Promise<StoredStep[]>;
  /** Model calls of a tenant (or one of its agents) that ended in [from, to), newest first (004§1.2). */
  modelCalls(query: ModelCallQuery): Promise<StoredStep[]>;
}

export interface ModelCallQuery {
  tenant: string;
  agentId?: string;
  from: Date;
  to: Date;
  limit: number;
}

/** Days are `YYYY-MM-DD` (UTC), both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** One agent's rollup for a period (or, with `day`, for that day). */
export interface AgentRollup {
  tenant: string;
  agentId: string;
  day?: string;
  totals: RollupTotals;
  models: Record<string, ModelUsage>;
}

export const byTenantAgentDay = (a: AgentRollup, b: AgentRollup) =>
  a.tenant.localeCompare(b.tenant) || a.agentId.localeCompare(b.agentId) || (a.day ?? '').localeCompare(b.day ?? '');

/** Rollup shards summed per agent (and per day, when `perDay`), in tenant, agent and day order. */
export function mergeRollups(shards: Iterable<RollupDelta>, perDay: boolean): AgentRollup[] {
  const byAgent = new Map<string, AgentRollup>();
  for (const shard of shards) {
    const key = `${shard.tenant}/${shard.agentId}${perDay ? `/${shard.day}` : ''}`;
    let rollup = byAgent.get(key);
    if (!rollup) {
      rollup = { tenant: shard.tenant, agentId: shard.agentId, totals: zeroTotals(), models: {} };
      if (perDay) rollup.day = shard.day;
      byAgent.set(key, rollup);
    }
    for (const c of ROLLUP_COUNTERS) rollup.totals[c] += shard.counters[c] ?? 0;
    for (const [name, usage] of Object.entries(shard.models)) {
      const into = (rollup.models[name] ??= { calls: 0, tokensIn: 0, tokensOut: 0, costMicros: 0 });
      for (const k of MODEL_USAGE_FIELDS) into[k] += usage[k];
    }
  }
  return [...byAgent.values()].sort(byTenantAgentDay);
}

/** The rollups the intake (and the audit chain, for decisions) maintain; read without scanning steps. */
export interface RunStatsStore {
  /** Sums over the period for a tenant, or one of its agents. */
  totals(tenant: string, range: DayRange, agentId?: string): Promise<RollupTotals>;
  /** Per agent and day of one tenant over the period, with each model's usage: cost attribution (000#50). */
  daily(tenant: string, range: DayRange): Promise<AgentRollup[]>;
  /** Every agent of every tenant over the period: the peer benchmark (000#39). */
  allAgents(range: DayRange): Promise<AgentRollup[]>;
}

export const FOLLOW_WINDOW = 500;

/** A feed item with its place in the feed. */
export type FeedEntry = ActivityItem & { position: FeedPosition };

/** A tenant's activity feed (000#25): newest first in pages, followed live (000#22). */
export interface ActivityFeed {
  /** Up to `limit` items before `before` (or the newest), newest first. */
  page(tenant: string, limit: number, before?: FeedPosition): Promise<FeedEntry[]>;
  /**
   * Calls `onItems` with the items after `after` (or from the feed's start) in feed order, as they
   * are committed, until the returned stop is called. At most FOLLOW_WINDOW items past `after` are
   * delivered (a listener follows a bounded window): the follower then resumes after the last one.
   */
  follow(
    tenant: string,
    after: FeedPosition | undefined,
    onItems: (items: FeedEntry[]) => void,
    onError: (error: unknown) => void,
  ): () => void;
}
