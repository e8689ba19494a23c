import type { Firestore } from '@google-cloud/firestore';
import type { TenantPlans } from './tenant-plans';

/** `subscriptions` as tenant-subscriptions writes them from billing events. */
export class FirestoreTenantPlans implements TenantPlans {
  constructor(private readonly db: Firestore) {}
  async active(tenant: string) {
    const snap = await this.db
      .collection('subscriptions')
      .where('tenantId', '==', tenant)
      .where('status', 'in', ['active', 'trialing'])
      .limit(20)
      .get();
    return snap.docs.map((d) => ({ subscriptionId: d.id, priceId: String(d.get('priceId')) }));
  }
}
