import { activityForStep, comparePositions, type FeedPosition, type NewActivityItem } from './activity';
import {
  decisionDeltas,
  ROLLUP_COUNTERS,
  rollupDeltas,
  zeroTotals,
  type AgentDecision,
  type RollupDelta,
  type RollupTotals,
} from './run-rollup';
import type { StoredStep } from './step';
import {
  mergeRollups,
  FOLLOW_WINDOW,
  type ActivityFeed,
  type AgentRollup,
  type DayRange,
  type FeedEntry,
  type ModelCallQuery,
  type RunStatsStore,
  type StepOutcome,
  type StepStore,
} from './step-store';

/** The run logs' storage contracts in memory: steps, their rollups and the activity feed, kept together. */
export class MemoryRunLogs implements StepStore, RunStatsStore, ActivityFeed {
  readonly stored = new Map<string, StoredStep>();
  readonly rollups: RollupDelta[] = [];
  readonly feed: FeedEntry[] = [];
  private readonly followers = new Set<{ tenant: string; onItems: (i: FeedEntry[]) => void }>();
  private lastMicros = 0;

  async putAll(steps: StoredStep[]): Promise<StepOutcome[]> {
    return steps.map((step) => {
      const key = `${step.tenant}/${step.agentId}/${step.runId}/${step.step}`;
      const existing = this.stored.get(key);
      if (existing) return existing.contentHash === step.contentHash ? 'duplicate' : 'conflict';
      this.stored.set(key, structuredClone(step));
      this.rollups.push(...rollupDeltas([step]));
      const item = activityForStep(step);
      if (item) this.append([item]);
      return 'stored';
    });
  }

  async steps(tenant: string, agentId: string, runId: string) {
    return [...this.stored.values()]
      .filter((s) => s.tenant === tenant && s.agentId === agentId && s.runId === runId)
      .sort((a, b) => a.step - b.step)
      .map((s) => structuredClone(s));
  }

  async modelCalls(q: ModelCallQuery) {
    return [...this.stored.values()]
      .filter(
        (s) =>
          s.tenant === q.tenant &&
          (!q.agentId || s.agentId === q.agentId) &&
          s.kind === 'model_call' &&
          s.endedAt >= q.from &&
          s.endedAt < q.to,
      )
      .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
      .slice(0, q.limit)
      .map((s) => structuredClone(s));
  }

  /** What the audit sequencer counts in production (countAgentDecisions). */
  countDecisions(decisions: AgentDecision[]): void {
    this.rollups.push(...decisionDeltas(decisions));
  }

  async totals(tenant: string, range: DayRange, agentId?: string): Promise<RollupTotals> {
    const totals = zeroTotals();
    for (const d of this.inRange(range))
      if (d.tenant === tenant && (!agentId || d.agentId === agentId))
        for (const c of ROLLUP_COUNTERS) totals[c] += d.counters[c] ?? 0;
    return totals;
  }

  async daily(tenant: string, range: DayRange): Promise<AgentRollup[]> {
    return this.merge(range, true).filter((r) => r.tenant === tenant);
  }

  async allAgents(range: DayRange): Promise<AgentRollup[]> {
    return this.merge(range, false);
  }

  private merge(range: DayRange, perDay: boolean): AgentRollup[] {
    return mergeRollups(this.inRange(range), perDay);
  }

  private inRange(range: DayRange) {
    return this.rollups.filter((d) => d.day >= range.from && d.day <= range.to);
  }

  /** Feed items written once each by id, as the budget alerts' store writes them with its alerts. */
  async add(items: NewActivityItem[]): Promise<void> {
    this.append(items.filter((i) => !this.feed.some((e) => e.tenant === i.tenant && e.id === i.id)));
  }

  async page(tenant: string, limit: number, before?: FeedPosition): Promise<FeedEntry[]> {
    return this.feed
      .filter((e) => e.tenant === tenant && (!before || comparePositions(e.position, before) < 0))
      .sort((a, b) => comparePositions(b.position, a.position))
      .slice(0, limit);
  }

  follow(tenant: string, after: FeedPosition | undefined, onItems: (items: FeedEntry[]) => void): () => void {
    const backlog = this.feed
      .filter((e) => e.tenant === tenant && (!after || comparePositions(e.position, after) > 0))
      .slice(0, FOLLOW_WINDOW);
    // Like a listener on a window of FOLLOW_WINDOW items: nothing past the window is delivered.
    let room = FOLLOW_WINDOW - backlog.length;
    const follower = {
      tenant,
      onItems: (items: FeedEntry[]) => {
        const fitting = items.slice(0, Math.max(0, room));
        room -= fitting.length;
        if (fitting.length > 0) onItems(fitting);
      },
    };
    if (backlog.length > 0) queueMicrotask(() => onItems(backlog));
    this.followers.add(follower);
    return () => this.followers.delete(follower);
  }

  /** Items get increasing positions, a microsecond apart at least, like commit times. */
  private append(items: NewActivityItem[]): void {
    const added = items.map((item) => {
      const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
      this.lastMicros = micros;
      const seconds = Math.floor(micros / 1e6);
      const position = { seconds, nanos: (micros - seconds * 1e6) * 1000, id: item.id };
      return { ...structuredClone(item), at: new Date(micros / 1000), position };
    });
    this.feed.push(...added);
    for (const f of this.followers) {
      const mine = added.filter((e) => e.tenant === f.tenant);
      if (mine.length > 0) f.onItems(mine);
    }
  }
}
