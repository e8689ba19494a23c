import { mapWithConcurrency, type Logger } from '@backbone/shared/core';
import { SPECIALTY_IDS, type AgentStore } from '@backbone/shared/agents';
import { benchmarkRange, peerBenchmarks, type BenchmarkStore, type RunStatsStore } from '@backbone/shared/runlogs';

export interface BenchmarkDeps {
  stats: RunStatsStore;
  agents: AgentStore;
  benchmarks: BenchmarkStore;
  logger: Logger;
}

/**
 * Every agent's health score over the last 7 days (from the rollups, with the registry giving its
 * specialty), grouped by specialty and stored: one document per specialty, every specialty
 * rewritten (an empty one says no peers), so a stale benchmark never outlives its hour.
 */
export async function computeBenchmarks(deps: BenchmarkDeps, now: Date) {
  const range = benchmarkRange(now);
  const rollups = await deps.stats.allAgents(range);
  const specialties = new Map<string, string>();
  await mapWithConcurrency(rollups, 16, async (r) => {
    const agent = await deps.agents.get(r.tenant, r.agentId);
    if (agent) specialties.set(`${r.tenant}/${r.agentId}`, agent.specialty);
  });
  const computed = peerBenchmarks(rollups, (tenant, id) => specialties.get(`${tenant}/${id}`), range, now);
  const bySpecialty = new Map(computed.map((b) => [b.specialty, b]));
  const all = SPECIALTY_IDS.map(
    (specialty) => bySpecialty.get(specialty) ?? { specialty, range, scores: [], computedAt: now },
  );
  await deps.benchmarks.put(all);
  return { ...range, agents: rollups.length, scored: computed.reduce((n, b) => n + b.scores.length, 0) };
}
