import { z } from 'zod';

export const DEFAULT_THRESHOLDS = [70, 85, 100];

/** Where a tenant hears of its budget (000#26): its activity feed always; a signed webhook if it asks. */
const ChannelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feed') }).strict(),
  z
    .object({
      kind: z.literal('webhook'),
      url: z
        .url({ protocol: /^https$/, hostname: z.regexes.domain })
        .max(2048)
        .refine((u) => !/^https:\/\/(localhost|127\.|10\.|192\.168\.|169\.254\.)/i.test(u), 'a public HTTPS address'),
    })
    .strict(),
]);

/** A tenant's monthly budget (000#26): its limit in USD micro-units and the percentages that alert. */
export const BudgetSchema = z
  .object({
    monthlyLimitMicros: z.number().int().positive().max(1e15),
    thresholds: z
      .array(z.number().int().min(1).max(1000))
      .min(1)
      .max(10)
      .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), 'thresholds in increasing order, each once')
      .default(DEFAULT_THRESHOLDS),
    channel: ChannelSchema.default({ kind: 'feed' }),
  })
  .strict();
export type Budget = z.infer<typeof BudgetSchema>;
export type BudgetChannel = Budget['channel'];

/** A threshold crossed in a period: alerted once (its id is the period and the threshold). */
export interface BudgetAlert {
  id: string;
  tenant: string;
  /** `YYYY-MM`, UTC. */
  period: string;
  threshold: number;
  spentMicros: number;
  limitMicros: number;
  crossedAt: Date;
}

export const budgetPeriod = (now: Date) => now.toISOString().slice(0, 7);

/** The days of the month `now` is in, UTC, both ends included. */
export function periodDays(now: Date): { from: string; to: string } {
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  return { from: `${budgetPeriod(now)}-01`, to: last.toISOString().slice(0, 10) };
}

/** The alerts spend has earned this period: every threshold at or under it (each alert's id says which). */
export function crossedThresholds(tenant: string, budget: Budget, spentMicros: number, now: Date): BudgetAlert[] {
  const period = budgetPeriod(now);
  return budget.thresholds
    .filter((t) => spentMicros * 100 >= t * budget.monthlyLimitMicros)
    .map((threshold) => ({
      id: `${period}~${threshold}`,
      tenant,
      period,
      threshold,
      spentMicros,
      limitMicros: budget.monthlyLimitMicros,
      crossedAt: now,
    }));
}
