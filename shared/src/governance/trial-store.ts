import type { TrialState, TrialUsage } from './trial';

/** Trial tenants' state and counters (000#5). Counting is atomic: concurrent actions never overshoot. */
export interface TrialStore {
  trialOf(tenant: string): Promise<TrialState | undefined>;
  usage(tenant: string, day: string): Promise<TrialUsage>;
  /**
   * Takes one of the day's `limit` actions, atomically: however many callers race, at most `limit`
   * are taken. `actionsToday` is what the store knows of the day's count with this one: at least
   * that many when taken (a slot taken blind is one write, no count read), exact when refused.
   * Past `deadline` (epoch ms) nothing is taken and a TransientError is thrown: a caller that gave
   * up is never counted.
   */
  takeAction(
    tenant: string,
    day: string,
    limit: number,
    deadline: number,
  ): Promise<{ taken: boolean; actionsToday: number }>;
  /** Adds spend once per `usageId` (a retried report adds nothing). */
  addSpend(tenant: string, usageId: string, cents: number): Promise<{ applied: boolean; spendCents: number }>;
  /** Moves a trial's end (the Platform Governor's override); NotFoundError when not on a trial. */
  extend(tenant: string, endsAt: Date): Promise<{ before: Date; after: Date }>;
}
