import { z } from 'zod';

/** What a trial tenant may do (000#5, 000#24), unless its tenant record sets other limits. */
export const TRIAL_LIMITS = { days: 14, actionsPerDay: 100, budgetCapCents: 5_000 } as const;

/** `tenants/{id}.trial`: present while the tenant is on a trial. */
export const TrialStateSchema = z.object({
  startedAt: z.date(),
  endsAt: z.date(),
  actionsPerDay: z.number().int().nonnegative().default(TRIAL_LIMITS.actionsPerDay),
  budgetCapCents: z.number().int().nonnegative().default(TRIAL_LIMITS.budgetCapCents),
});
export type TrialState = z.infer<typeof TrialStateSchema>;

/** The counters of one trial tenant: today's counted actions and the spend of the whole trial. */
export interface TrialUsage {
  actionsToday: number;
  spendCents: number;
}

/** The day counters roll over at (UTC). */
export const usageDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The Cedar context a trial tenant's request carries. */
export function trialContext(state: TrialState, usage: TrialUsage, now: Date) {
  return {
    expired: now.getTime() >= state.endsAt.getTime(),
    actionsToday: usage.actionsToday,
    actionsPerDay: state.actionsPerDay,
    spendCents: usage.spendCents,
    budgetCapCents: state.budgetCapCents,
  };
}
