import { z } from 'zod';

/** Conformity runs one certification reports: three, so one noisy run cannot pass or fail an agent (000#23). */
export const CONFORMITY_RUNS = 3;
/** Above this coefficient of variation (standard deviation / mean) the runs disagree too much to trust. */
export const CONFORMITY_MAX_VARIATION = 0.1;

export const ConformitySchema = z.object({
  runs: z.array(z.number()),
  median: z.number(),
  stdDev: z.number(),
  /** Standard deviation over the mean. */
  variation: z.number(),
  /** The runs disagree by more than CONFORMITY_MAX_VARIATION: the result is reported, not trusted. */
  warning: z.boolean(),
});
export type Conformity = z.infer<typeof ConformitySchema>;

/** Median and (population) standard deviation of the scores, with the variance warning. */
export function conformityOf(runs: readonly number[]): Conformity {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
  const stdDev = Math.sqrt(runs.reduce((a, b) => a + (b - mean) ** 2, 0) / runs.length);
  const variation = mean === 0 ? (stdDev === 0 ? 0 : Infinity) : stdDev / mean;
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    runs: [...runs],
    median: round(median),
    stdDev: round(stdDev),
    variation: Number.isFinite(variation) ? round(variation) : 1,
    warning: variation > CONFORMITY_MAX_VARIATION,
  };
}
