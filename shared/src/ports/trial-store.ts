import type { TrialState, TrialUsage } from '../governance/trial';

/** Trial tenants' state and counters (000#5). Counting is atomic: concurrent actions never overshoot. */
export interface TrialStore {
  trialOf(tenant: string): Promise<TrialState | undefined>;
  usage(tenant: string, day: string): Promise<TrialUsage>;
  /**
   * Reads the tenant's usage for `day` and asks `decide`; when it says `count`, one action is
   * counted, in the same transaction (so `decide` may run more than once under contention).
   */
  countAction<T>(
    tenant: string,
    day: string,
    decide: (usage: TrialUsage) => { count: boolean; result: T },
  ): Promise<T>;
  /** Adds spend once per `usageId` (a retried report adds nothing). */
  addSpend(tenant: string, usageId: string, cents: number): Promise<{ applied: boolean; spendCents: number }>;
  /** Moves a trial's end (the Platform Governor's override); NotFoundError when not on a trial. */
  extend(tenant: string, endsAt: Date): Promise<{ before: Date; after: Date }>;
}
