export type StepState = 'pending' | 'done' | 'compensated';

export interface SagaRecord {
  sagaId: string;
  input: Record<string, string>;
  status: 'running' | 'completed' | 'compensating' | 'compensated';
  steps: Record<string, StepState>;
  /** Every transition with its time: the auditable record of the saga. */
  history: { at: string; step: string; event: string; detail?: string }[];
}

/** Persisted saga state (000#7): a resumed saga continues where it stopped. */
export interface SagaStore {
  /** The saga, created with every step pending if it does not exist yet. */
  begin(sagaId: string, input: Record<string, string>, steps: string[], at: Date): Promise<SagaRecord>;
  markStep(sagaId: string, step: string, state: StepState, at: Date, detail?: string): Promise<void>;
  setStatus(sagaId: string, status: SagaRecord['status'], at: Date, detail?: string): Promise<void>;
}
