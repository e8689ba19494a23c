import { type Firestore, Timestamp } from '@google-cloud/firestore';
import type { AffectedSubscription, TicketForIncident, TicketStore } from '../ticket-store';
import { mapWithConcurrency } from '@backbone/shared/core';

const ALREADY_EXISTS = 6;
/** Firestore's limit of values in one array-contains-any. */
const ANY_LIMIT = 30;

/** Tickets in `tickets/{incidentId}_{tenantId}`; subscriptions from `subscriptions`. */
export class FirestoreTicketStore implements TicketStore {
  constructor(private readonly db: Firestore) {}

  async subscriptionsUsing(serviceIds: string[]): Promise<AffectedSubscription[]> {
    const found = new Map<string, AffectedSubscription>();
    for (let i = 0; i < serviceIds.length; i += ANY_LIMIT) {
      const snap = await this.db
        .collection('subscriptions')
        .where('services', 'array-contains-any', serviceIds.slice(i, i + ANY_LIMIT))
        .where('status', 'in', ['active', 'trialing'])
        .get();
      for (const doc of snap.docs) found.set(doc.id, { subscriptionId: doc.id, tenantId: String(doc.get('tenantId')) });
    }
    return [...found.values()];
  }

  async openTickets(incident: TicketForIncident, affected: AffectedSubscription[]): Promise<number> {
    const byTenant = new Map<string, string[]>();
    for (const a of affected) byTenant.set(a.tenantId, [...(byTenant.get(a.tenantId) ?? []), a.subscriptionId]);
    const created = await mapWithConcurrency([...byTenant], 20, async ([tenantId, subscriptionIds]) => {
      try {
        await this.db
          .collection('tickets')
          .doc(`${incident.incidentId}_${tenantId}`)
          .create({
            tenantId,
            incidentId: incident.incidentId,
            subscriptionIds: subscriptionIds.sort(),
            serviceIds: incident.serviceIds,
            severity: incident.severity,
            kind: 'platform_incident',
            status: 'open',
            openedAt: Timestamp.fromDate(incident.openedAt),
            resolvedAt: null,
          });
        return 1;
      } catch (error) {
        if ((error as { code?: number }).code === ALREADY_EXISTS) return 0;
        throw error;
      }
    });
    return created.reduce<number>((a, b) => a + b, 0);
  }

  async resolveTickets(incidentId: string, resolvedAt: Date) {
    const snap = await this.db.collection('tickets').where('incidentId', '==', incidentId).get();
    const open = snap.docs.filter((doc) => doc.get('status') === 'open');
    const writer = this.db.bulkWriter();
    for (const doc of open) writer.update(doc.ref, { status: 'resolved', resolvedAt: Timestamp.fromDate(resolvedAt) });
    await writer.close();
    return { resolved: open.length, tenants: snap.docs.map((doc) => String(doc.get('tenantId'))) };
  }
}
