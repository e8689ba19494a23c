export type StepState = 'pending' | 'done' | 'compensated';

export interface SagaRecord {
  sagaId: string;
  input: Record<string, string>;
  status: 'running' | 'completed' | 'compensating' | 'compensated';
  steps: Record<string, StepState>;
  /** Every transition with its time: the auditable record of the saga. */
  history: { at: string; step: string; event: string; detail?: string }[];
}

/** Who runs a saga now: a delivery's token, until a time. Every write checks it (fencing). */
export interface SagaLease {
  token: string;
  leaseMs: number;
}

/**
 * Persisted saga state (000#7): a resumed saga continues where it stopped. One delivery runs a
 * saga at a time: `begin` takes the lease (a redelivery while it is held gets SagaBusyError, a
 * transient failure, so Pub/Sub retries later); `markStep` and `setStatus` write only while the
 * token still holds it, and renew it, so a delivery whose lease was taken over writes nothing.
 */
export interface SagaStore {
  /** The saga, created with every step pending if it does not exist yet, with the lease taken. */
  begin(
    sagaId: string,
    input: Record<string, string>,
    steps: string[],
    at: Date,
    lease: SagaLease,
  ): Promise<SagaRecord>;
  markStep(sagaId: string, step: string, state: StepState, at: Date, lease: SagaLease, detail?: string): Promise<void>;
  setStatus(sagaId: string, status: SagaRecord['status'], at: Date, lease: SagaLease, detail?: string): Promise<void>;
  /** Gives the lease up (after a failure this delivery reports), so a redelivery need not wait for it to expire. */
  release(sagaId: string, lease: SagaLease): Promise<void>;
}
