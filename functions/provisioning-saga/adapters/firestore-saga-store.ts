import { FieldValue, type Firestore, type Transaction } from '@google-cloud/firestore';
import { TransientError } from '@backbone/shared/core';
import type { SagaLease, SagaRecord, SagaStore, StepState } from '../saga-store';

/** Another delivery holds the saga's lease, or took it over: retry later, write nothing now. */
export class SagaBusyError extends TransientError {}

/**
 * Sagas in `provisioning_sagas/{sagaId}`, each with its lease (`lease: {token, until}`). Every write
 * is a transaction that checks the token first: fencing, so a delivery that outlived its lease
 * (an ack deadline passed, Pub/Sub redelivered) cannot write beside the one that took over.
 */
export class FirestoreSagaStore implements SagaStore {
  constructor(private readonly db: Firestore) {}

  begin(sagaId: string, input: Record<string, string>, steps: string[], at: Date, lease: SagaLease) {
    const ref = this.ref(sagaId);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      // A finished saga needs no lease: a late redelivery reads its outcome.
      const status = snap.get('status') as SagaRecord['status'] | undefined;
      if (status === 'completed' || status === 'compensated') return strip(snap.data());
      const held = snap.get('lease') as { token: string; until: number } | undefined;
      if (held && held.token !== lease.token && held.until > at.getTime())
        throw new SagaBusyError(`saga ${sagaId} is being run by another delivery`);
      const fresh = { token: lease.token, until: at.getTime() + lease.leaseMs };
      if (snap.exists) {
        tx.update(ref, { lease: fresh });
        return strip(snap.data());
      }
      const record: SagaRecord = {
        sagaId,
        input,
        status: 'running',
        steps: Object.fromEntries(steps.map((s) => [s, 'pending'])),
        history: [{ at: at.toISOString(), step: '-', event: 'started' }],
      };
      tx.create(ref, { ...record, lease: fresh });
      return record;
    });
  }

  markStep(sagaId: string, step: string, state: StepState, at: Date, lease: SagaLease, detail?: string) {
    return this.fenced(sagaId, at, lease, { [`steps.${step}`]: state }, { step, event: state, detail });
  }

  setStatus(sagaId: string, status: SagaRecord['status'], at: Date, lease: SagaLease, detail?: string) {
    return this.fenced(sagaId, at, lease, { status }, { step: '-', event: status, detail });
  }

  async release(sagaId: string, lease: SagaLease): Promise<void> {
    const ref = this.ref(sagaId);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.get('lease.token') === lease.token) tx.update(ref, { 'lease.until': 0 });
    });
  }

  private async fenced(
    sagaId: string,
    at: Date,
    lease: SagaLease,
    changes: Record<string, unknown>,
    entry: { step: string; event: string; detail?: string | undefined },
  ): Promise<void> {
    const ref = this.ref(sagaId);
    await this.db.runTransaction(async (tx: Transaction) => {
      const snap = await tx.get(ref);
      if ((snap.get('lease.token') as string | undefined) !== lease.token)
        throw new SagaBusyError(`saga ${sagaId}: the lease was taken over by another delivery`);
      tx.update(ref, {
        ...changes,
        lease: { token: lease.token, until: at.getTime() + lease.leaseMs },
        history: FieldValue.arrayUnion({
          at: at.toISOString(),
          step: entry.step,
          event: entry.event,
          ...(entry.detail ? { detail: entry.detail } : {}),
        }),
      });
    });
  }

  private ref(sagaId: string) {
    return this.db.collection('provisioning_sagas').doc(sagaId);
  }
}

function strip(data: FirebaseFirestore.DocumentData | undefined): SagaRecord {
  const { lease: _lease, ...record } = data as SagaRecord & { lease?: unknown };
  return record;
}
