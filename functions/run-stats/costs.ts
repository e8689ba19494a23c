import type { AgentRollup, DayRange } from '@backbone/shared/runlogs';

/**
 * One row of the daily cost export, in BigQuery's newline-delimited JSON (schema:
 * docs/bigquery/cost_attribution.schema.json; partition on `day`, cluster on tenant and agent).
 */
export interface CostRow {
  day: string;
  tenant: string;
  agent_id: string;
  provider: string;
  model: string;
  calls: number;
  tokens_in: number;
  tokens_out: number;
  cost_micros: number;
  currency: 'USD';
}

export function costRows(daily: AgentRollup[]): CostRow[] {
  return daily.flatMap((r) =>
    Object.entries(r.models)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, usage]) => {
        const slash = name.indexOf('/');
        return {
          day: r.day!,
          tenant: r.tenant,
          agent_id: r.agentId,
          provider: name.slice(0, slash),
          model: name.slice(slash + 1),
          calls: usage.calls,
          tokens_in: usage.tokensIn,
          tokens_out: usage.tokensOut,
          cost_micros: usage.costMicros,
          currency: 'USD' as const,
        };
      }),
  );
}

/** Costs per agent over the period, each with its models (000#50). */
export function costsByAgent(tenant: string, range: DayRange, daily: AgentRollup[]) {
  const agents = new Map<string, ReturnType<typeof emptyAgent>>();
  for (const r of daily) {
    const agent = agents.get(r.agentId) ?? emptyAgent(r.agentId);
    agents.set(r.agentId, agent);
    agent.costMicros += r.totals.costMicros;
    agent.tokensIn += r.totals.tokensIn;
    agent.tokensOut += r.totals.tokensOut;
    agent.modelCalls += r.totals.modelCalls;
    for (const [name, usage] of Object.entries(r.models)) {
      const into = (agent.models[name] ??= { modelCalls: 0, tokensIn: 0, tokensOut: 0, costMicros: 0 });
      into.modelCalls += usage.calls;
      into.tokensIn += usage.tokensIn;
      into.tokensOut += usage.tokensOut;
      into.costMicros += usage.costMicros;
    }
  }
  const list = [...agents.values()].sort((a, b) => b.costMicros - a.costMicros || a.agentId.localeCompare(b.agentId));
  return {
    tenant,
    ...range,
    currency: 'USD' as const,
    costMicros: list.reduce((sum, a) => sum + a.costMicros, 0),
    agents: list,
  };
}

function emptyAgent(agentId: string) {
  return {
    agentId,
    costMicros: 0,
    tokensIn: 0,
    tokensOut: 0,
    modelCalls: 0,
    models: {} as Record<string, { modelCalls: number; tokensIn: number; tokensOut: number; costMicros: number }>,
  };
}
