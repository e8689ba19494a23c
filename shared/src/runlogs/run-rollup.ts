import type { StoredStep } from './step';

/** The counters a rollup keeps per tenant, agent and UTC day; every stats figure is a sum of them. */
export const ROLLUP_COUNTERS = [
  'invocations',
  'succeeded',
  'failed',
  'steps',
  'modelCalls',
  'tokensIn',
  'tokensOut',
  'costMicros',
  'decisions',
  'denials',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];
export type RollupTotals = Record<RollupCounter, number>;

/** One model's share of a rollup: what cost attribution exports (000#50). */
export interface ModelUsage {
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}
export const MODEL_USAGE_FIELDS = ['calls', 'tokensIn', 'tokensOut', 'costMicros'] as const;

/** What one write adds to the rollup of (tenant, agent, day). */
export interface RollupDelta {
  tenant: string;
  agentId: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  counters: Partial<RollupTotals>;
  /** Keyed `provider/model`. */
  models: Record<string, ModelUsage>;
}

export const zeroTotals = (): RollupTotals => Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, 0])) as RollupTotals;

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * What a set of newly stored steps adds, grouped by (tenant, agent, day of the step's end): a run
 * is invoked by its `input` step and ends with its `final_answer`; model calls bring tokens and cost.
 */
export function rollupDeltas(steps: StoredStep[]): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const step of steps) {
    const delta = deltaIn(byKey, step.tenant, step.agentId, utcDay(step.endedAt));
    const add = (counter: RollupCounter, n: number) => (delta!.counters[counter] = (delta!.counters[counter] ?? 0) + n);
    add('steps', 1);
    if (step.kind === 'input') add('invocations', 1);
    if (step.kind === 'final_answer') add(step.outcome === 'error' ? 'failed' : 'succeeded', 1);
    if (step.model) {
      add('modelCalls', 1);
      add('tokensIn', step.model.tokensIn);
      add('tokensOut', step.model.tokensOut);
      add('costMicros', step.model.costMicros);
      const name = `${step.model.provider}/${step.model.model}`;
      const usage = (delta.models[name] ??= { calls: 0, tokensIn: 0, tokensOut: 0, costMicros: 0 });
      usage.calls++;
      usage.tokensIn += step.model.tokensIn;
      usage.tokensOut += step.model.tokensOut;
      usage.costMicros += step.model.costMicros;
    }
  }
  return [...byKey.values()];
}

/** A PEP decision about an agent's action, as the audit chain integrates it. */
export interface AgentDecision {
  tenant: string;
  agentId: string;
  at: Date;
  denied: boolean;
}

/** What integrated PEP decisions add to the agents' rollups: decisions and denials per day. */
export function decisionDeltas(decisions: AgentDecision[]): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const d of decisions) {
    const delta = deltaIn(byKey, d.tenant, d.agentId, utcDay(d.at));
    delta.counters.decisions = (delta.counters.decisions ?? 0) + 1;
    if (d.denied) delta.counters.denials = (delta.counters.denials ?? 0) + 1;
  }
  return [...byKey.values()];
}

/** The delta of (tenant, agent, day) in `byKey`, made empty when it is not there yet. */
function deltaIn(byKey: Map<string, RollupDelta>, tenant: string, agentId: string, day: string): RollupDelta {
  const key = `${tenant}/${agentId}/${day}`;
  let delta = byKey.get(key);
  if (!delta) byKey.set(key, (delta = { tenant, agentId, day, counters: {}, models: {} }));
  return delta;
}
