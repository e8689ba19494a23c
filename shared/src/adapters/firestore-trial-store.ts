import { FieldValue, type DocumentSnapshot, type Firestore } from '@google-cloud/firestore';
import { NotFoundError } from '../errors/app-errors';
import { TrialStateSchema, type TrialState, type TrialUsage } from '../governance/trial';
import type { TrialStore } from '../ports/trial-store';
import { fromFirestore, readDocument } from './firestore-documents';

/** Today's count rolls over when the stored day is another; spend covers the whole trial. */
function usageOf(snap: DocumentSnapshot, day: string): TrialUsage {
  return {
    actionsToday: snap.get('day') === day ? ((snap.get('actionsToday') as number | undefined) ?? 0) : 0,
    spendCents: (snap.get('spendCents') as number | undefined) ?? 0,
  };
}

/**
 * Trial state on `tenants/{id}.trial`; counters in `trial_usage/{tenant}` (`day`, `actionsToday`,
 * `spendCents`), with one `spend/{usageId}` marker per applied spend report.
 */
export class FirestoreTrialStore implements TrialStore {
  constructor(private readonly db: Firestore) {}

  async trialOf(tenant: string): Promise<TrialState | undefined> {
    const snap = await this.db.collection('tenants').doc(tenant).get();
    const trial = snap.get('trial') as unknown;
    return trial ? readDocument(TrialStateSchema, trial, `tenants/${tenant}.trial`) : undefined;
  }

  async usage(tenant: string, day: string): Promise<TrialUsage> {
    return usageOf(await this.usageRef(tenant).get(), day);
  }

  countAction<T>(
    tenant: string,
    day: string,
    decide: (usage: TrialUsage) => { count: boolean; result: T },
  ): Promise<T> {
    const ref = this.usageRef(tenant);
    return this.db.runTransaction(
      async (tx) => {
        const snap = await tx.get(ref);
        const usage = usageOf(snap, day);
        const { count, result } = decide(usage);
        if (count) tx.set(ref, { tenant, day, actionsToday: usage.actionsToday + 1 }, { merge: true });
        return result;
      },
      { maxAttempts: 20 },
    );
  }

  addSpend(
    tenant: string,
    usageId: string,
    cents: number,
  ): Promise<{ applied: boolean; spendCents: number }> {
    const ref = this.usageRef(tenant);
    const marker = ref.collection('spend').doc(usageId);
    return this.db.runTransaction(async (tx) => {
      const [usage, seen] = await Promise.all([tx.get(ref), tx.get(marker)]);
      const spent = (usage.get('spendCents') as number | undefined) ?? 0;
      if (seen.exists) return { applied: false, spendCents: spent };
      tx.create(marker, { cents, at: FieldValue.serverTimestamp() });
      tx.set(ref, { tenant, spendCents: spent + cents }, { merge: true });
      return { applied: true, spendCents: spent + cents };
    });
  }

  extend(tenant: string, endsAt: Date): Promise<{ before: Date; after: Date }> {
    const ref = this.db.collection('tenants').doc(tenant);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const trial = snap.get('trial') as unknown;
      if (!trial) throw new NotFoundError(`Tenant ${tenant} is not on a trial.`);
      const before = (fromFirestore(trial) as { endsAt: Date }).endsAt;
      tx.update(ref, { 'trial.endsAt': endsAt });
      return { before, after: endsAt };
    });
  }

  private usageRef(tenant: string) {
    return this.db.collection('trial_usage').doc(tenant);
  }
}
