import type { Firestore } from '@google-cloud/firestore';
import { BILLING_COLLECTIONS } from '@backbone/shared/billing';
import type { SubscriptionPrices } from '../subscription-prices';

/** `billing_subscriptions/{id}`, written by stripe-webhook. */
export class FirestoreSubscriptionPrices implements SubscriptionPrices {
  constructor(private readonly db: Firestore) {}

  async of(subscriptionId: string) {
    const snap = await this.db.collection(BILLING_COLLECTIONS.subscriptions).doc(subscriptionId).get();
    const data = snap.data() as { tenantId?: unknown; priceId?: unknown } | undefined;
    return typeof data?.tenantId === 'string' && typeof data.priceId === 'string'
      ? { tenantId: data.tenantId, priceId: data.priceId }
      : undefined;
  }
}
