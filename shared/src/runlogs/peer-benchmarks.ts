import { statsFrom } from './run-stats';
import type { AgentRollup, DayRange } from './step-store';

/** The health scores of every agent of one specialty over a period (000#39), ascending. */
export interface PeerBenchmark {
  specialty: string;
  range: DayRange;
  /** Scores of the agents with a score (runs ended or decisions made), ascending. */
  scores: number[];
  computedAt: Date;
}

/** How many trailing days a benchmark covers. */
export const BENCHMARK_DAYS = 7;

/** The period a benchmark computed at `now` covers: the last BENCHMARK_DAYS UTC days, today included. */
export function benchmarkRange(now: Date): DayRange {
  const from = new Date(now.getTime() - (BENCHMARK_DAYS - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

/** Groups agents' scores by their specialty; agents without a known specialty or a score are left out. */
export function peerBenchmarks(
  rollups: AgentRollup[],
  specialtyOf: (tenant: string, agentId: string) => string | undefined,
  range: DayRange,
  now: Date,
): PeerBenchmark[] {
  const bySpecialty = new Map<string, number[]>();
  for (const r of rollups) {
    const specialty = specialtyOf(r.tenant, r.agentId);
    const score = statsFrom(r.totals).healthScore;
    if (specialty === undefined || score === null) continue;
    const scores = bySpecialty.get(specialty) ?? [];
    scores.push(score);
    bySpecialty.set(specialty, scores);
  }
  return [...bySpecialty.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([specialty, scores]) => ({ specialty, range, scores: scores.sort((a, b) => a - b), computedAt: now }));
}

/** Where the benchmarks live: one document per specialty, rewritten by the hourly job. */
export interface BenchmarkStore {
  get(specialty: string): Promise<PeerBenchmark | undefined>;
  put(benchmarks: PeerBenchmark[]): Promise<void>;
}
