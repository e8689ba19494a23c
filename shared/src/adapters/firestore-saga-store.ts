import { FieldValue, type Firestore } from '@google-cloud/firestore';
import type { SagaRecord, SagaStore, StepState } from '../ports/saga-store';

/** Sagas in `provisioning_sagas/{sagaId}`. */
export class FirestoreSagaStore implements SagaStore {
  constructor(private readonly db: Firestore) {}

  async begin(sagaId: string, input: Record<string, string>, steps: string[], at: Date): Promise<SagaRecord> {
    const ref = this.ref(sagaId);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists) return snap.data() as SagaRecord;
      const record: SagaRecord = {
        sagaId,
        input,
        status: 'running',
        steps: Object.fromEntries(steps.map((s) => [s, 'pending'])),
        history: [{ at: at.toISOString(), step: '-', event: 'started' }],
      };
      tx.create(ref, record);
      return record;
    });
  }

  async markStep(sagaId: string, step: string, state: StepState, at: Date, detail?: string): Promise<void> {
    await this.ref(sagaId).update({
      [`steps.${step}`]: state,
      history: FieldValue.arrayUnion({
        at: at.toISOString(),
        step,
        event: state,
        ...(detail ? { detail } : {}),
      }),
    });
  }

  async setStatus(sagaId: string, status: SagaRecord['status'], at: Date, detail?: string): Promise<void> {
    await this.ref(sagaId).update({
      status,
      history: FieldValue.arrayUnion({
        at: at.toISOString(),
        step: '-',
        event: status,
        ...(detail ? { detail } : {}),
      }),
    });
  }

  private ref(sagaId: string) {
    return this.db.collection('provisioning_sagas').doc(sagaId);
  }
}
