import type { StoredStep } from './step';

export type StepOutcome = 'stored' | 'duplicate' | 'conflict';

/** Where masked steps live: one document per (run, step), written once. */
export interface StepStore {
  /** `duplicate` when the same step was stored with the same content; `conflict` when with other content. */
  put(step: StoredStep): Promise<StepOutcome>;
  steps(tenant: string, agentId: string, runId: string): Promise<StoredStep[]>;
}
