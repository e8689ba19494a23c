/**
 * Nearest-rank percentile of values sorted ascending; null when there are none.
 *
 * @example
 * percentile([10, 20, 30, 40], 50); // 20
 */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
