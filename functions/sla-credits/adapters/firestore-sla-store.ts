import { FieldValue, type Firestore } from '@google-cloud/firestore';
import { BILLING_COLLECTIONS } from '@backbone/shared/billing';
import type { SlaStore } from '../sla-store';

const LIVE = ['active', 'trialing', 'past_due'];

/**
 * Tenants' plans in `subscriptions` (their `services`), their Stripe subscriptions in
 * `billing_subscriptions`, and `sla_periods/{subscriptionId}_{yyyy-mm}` with the downtime of each
 * incident and the credit issued so far.
 */
export class FirestoreSlaStore implements SlaStore {
  constructor(private readonly db: Firestore) {}

  async affectedSubscriptions(serviceIds: string[]): Promise<{ subscriptionId: string; tenantId: string }[]> {
    const tenants = new Set<string>();
    for (let i = 0; i < serviceIds.length; i += 30) {
      const snap = await this.db
        .collection('subscriptions')
        .where('services', 'array-contains-any', serviceIds.slice(i, i + 30))
        .get();
      snap.docs.forEach((d) => tenants.add(d.get('tenantId') as string));
    }
    const out: { subscriptionId: string; tenantId: string }[] = [];
    const ids = [...tenants];
    for (let i = 0; i < ids.length; i += 30) {
      const snap = await this.db
        .collection(BILLING_COLLECTIONS.subscriptions)
        .where('tenantId', 'in', ids.slice(i, i + 30))
        .get();
      for (const d of snap.docs)
        if (LIVE.includes(d.get('status') as string))
          out.push({ subscriptionId: d.id, tenantId: d.get('tenantId') as string });
    }
    return out.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  }

  recordDowntime(subscriptionId: string, period: string, incidentId: string, downtimeMs: number) {
    const ref = this.period(subscriptionId, period);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const incidents = (snap.get('incidents') as Record<string, number> | undefined) ?? {};
      const creditedPercent = (snap.get('creditedPercent') as number | undefined) ?? 0;
      if (!(incidentId in incidents)) {
        incidents[incidentId] = downtimeMs;
        tx.set(ref, { subscriptionId, period, incidents, creditedPercent }, { merge: true });
      }
      return { downtimeMs: Object.values(incidents).reduce((a, b) => a + b, 0), creditedPercent };
    });
  }

  async latestPaidInvoice(subscriptionId: string) {
    const snap = await this.db
      .collection(BILLING_COLLECTIONS.invoices)
      .where('subscriptionId', '==', subscriptionId)
      .get();
    const paid = snap.docs
      .map(
        (d) =>
          d.data() as {
            invoiceId: string;
            amountPaid: number;
            currency: string;
            status: string;
            created: number;
          },
      )
      .filter((i) => i.status === 'paid')
      .sort((a, b) => b.created - a.created)[0];
    return paid ? { invoiceId: paid.invoiceId, amountPaid: paid.amountPaid, currency: paid.currency } : undefined;
  }

  async markCredited(subscriptionId: string, period: string, percent: number, creditNoteId: string): Promise<void> {
    await this.period(subscriptionId, period).set(
      { creditedPercent: percent, creditNotes: FieldValue.arrayUnion(creditNoteId) },
      { merge: true },
    );
  }

  private period(subscriptionId: string, period: string) {
    return this.db.collection('sla_periods').doc(`${subscriptionId}_${period}`);
  }
}
