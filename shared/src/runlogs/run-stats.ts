import type { RollupTotals } from './run-rollup';

/** What `GET /v1/stats` answers for a tenant or an agent over a period (004§2.2). */
export interface RunStats extends RollupTotals {
  /** succeeded / (succeeded + failed): runs that ended; null before any ended. */
  successRate: number | null;
  errorRate: number | null;
  /** denials / decisions of the PEP about the agents' actions; null without decisions. */
  denialRate: number | null;
  /** 100 × (decisions − denials) / decisions, one decimal; null without decisions. */
  complianceScore: number | null;
  /** The mean of 100 × successRate and complianceScore (whichever exist), one decimal; null when neither does. */
  healthScore: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * The documented formulas, from summed rollups only. Compliance is the share of an agent's actions
 * that the policies allowed; health weighs finishing runs and staying compliant equally.
 */
export function statsFrom(totals: RollupTotals): RunStats {
  const successRate = ratio(totals.succeeded, totals.succeeded + totals.failed);
  const denialRate = ratio(totals.denials, totals.decisions);
  const complianceScore = denialRate === null ? null : oneDecimal(100 * (1 - denialRate));
  const parts = [successRate === null ? null : 100 * successRate, complianceScore].filter(
    (p): p is number => p !== null,
  );
  return {
    ...totals,
    successRate,
    errorRate: successRate === null ? null : 1 - successRate,
    denialRate,
    complianceScore,
    healthScore: parts.length === 0 ? null : oneDecimal(parts.reduce((a, b) => a + b, 0) / parts.length),
  };
}

/**
 * Where `score` sits among its peers' scores: the share of peers at or below it, in percent
 * (0 to 100, rounded); null without peers.
 */
export function percentileRank(score: number, peers: readonly number[]): number | null {
  if (peers.length === 0) return null;
  return Math.round((100 * peers.filter((p) => p <= score).length) / peers.length);
}
