/**
 * The SLA Backbone credits against (000#18): monthly uptime of the services a subscription uses,
 * and the share of that month's invoice credited below each threshold (the lowest tier reached wins).
 */
export const SLA_POLICY = {
  tiers: [
    { belowPercent: 99.9, creditPercent: 10 },
    { belowPercent: 99.0, creditPercent: 25 },
  ],
} as const;

export function creditPercentFor(uptimePercent: number): number {
  let credit = 0;
  for (const tier of SLA_POLICY.tiers)
    if (uptimePercent < tier.belowPercent) credit = Math.max(credit, tier.creditPercent);
  return credit;
}

/** The calendar month (UTC) a moment falls in, as `yyyy-mm`, and that month's length in ms. */
export function slaPeriod(at: Date): { period: string; lengthMs: number } {
  const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  const end = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  return { period: new Date(start).toISOString().slice(0, 7), lengthMs: end - start };
}
