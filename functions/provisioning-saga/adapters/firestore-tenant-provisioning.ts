import { FieldValue, type Firestore } from '@google-cloud/firestore';
import { NotFoundError } from '@backbone/shared/core';
import type { TenantProvisioning } from '../tenant-provisioning';

export class FirestoreTenantProvisioning implements TenantProvisioning {
  constructor(private readonly db: Firestore) {}

  async recordSubscription(tenantId: string, subscriptionId: string, state: 'provisioning' | 'active' | 'cancelled') {
    await this.db
      .collection('tenants')
      .doc(tenantId)
      .set({ subscription: { id: subscriptionId, state } }, { merge: true });
  }

  async startTrial(tenantId: string, sagaId: string, startedAt: Date, endsAt: Date) {
    const ref = this.db.collection('tenants').doc(tenantId);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) throw new NotFoundError(`No tenant ${tenantId}.`);
      // A trial is never overwritten: not by a repeat, nor by a second checkout's saga (which would
      // restart the 14 days), nor over a Governor's extension.
      if (snap.get('trial') !== undefined) return;
      // A tenant that already paid (tenant-subscriptions saw the invoice first) gets no trial.
      if (snap.get('billing.paid') === true) return;
      tx.update(ref, { trial: { startedAt, endsAt, sagaId } });
    });
  }

  async endTrial(tenantId: string, sagaId: string) {
    const ref = this.db.collection('tenants').doc(tenantId);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists && snap.get('trial.sagaId') === sagaId) tx.update(ref, { trial: FieldValue.delete() });
    });
  }
}
