import { FieldValue, type Firestore } from '@google-cloud/firestore';
import { keepsStored, type SubscriptionRecord, type TenantSubscriptionStore } from '../service';

/**
 * `subscriptions/{subscriptionId}` and the tenant's paid mark (`tenants/{id}.billing.paid`). Paying
 * removes `tenants/{id}.trial`, and the mark keeps a late `startTrial` (the saga runs on its own
 * subscription, so it can come after the payment) from starting one again.
 */
export class FirestoreTenantSubscriptions implements TenantSubscriptionStore {
  constructor(private readonly db: Firestore) {}

  async applySubscription(subscriptionId: string, record: SubscriptionRecord): Promise<boolean> {
    const ref = this.db.collection('subscriptions').doc(subscriptionId);
    return this.db.runTransaction(async (tx) => {
      const stored = (await tx.get(ref)).data() as SubscriptionRecord | undefined;
      if (keepsStored(stored, record)) return false;
      tx.set(ref, record);
      return true;
    });
  }

  async markPaid(tenantId: string, subscriptionId: string, at: string, reason: string): Promise<void> {
    await this.db
      .collection('tenants')
      .doc(tenantId)
      .set(
        { billing: { paid: true, subscriptionId, paidAt: at, reason }, trial: FieldValue.delete() },
        { merge: true },
      );
  }
}
