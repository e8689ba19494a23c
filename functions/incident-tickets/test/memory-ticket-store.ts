import type { AffectedSubscription, TicketForIncident, TicketStore } from '../ticket-store';

/** Tickets in memory, with the same one-per-tenant-and-incident rule as Firestore's. */
export class MemoryTicketStore implements TicketStore {
  readonly subscriptions: (AffectedSubscription & { status: string; services: string[] })[] = [];
  readonly tickets = new Map<string, { tenantId: string; incidentId: string; status: 'open' | 'resolved' }>();
  async subscriptionsUsing(serviceIds: string[]) {
    return this.subscriptions
      .filter((s) => ['active', 'trialing'].includes(s.status) && s.services.some((id) => serviceIds.includes(id)))
      .map(({ subscriptionId, tenantId }) => ({ subscriptionId, tenantId }));
  }
  async openTickets(incident: TicketForIncident, affected: AffectedSubscription[]) {
    let created = 0;
    for (const tenantId of new Set(affected.map((a) => a.tenantId))) {
      const id = `${incident.incidentId}_${tenantId}`;
      if (this.tickets.has(id)) continue;
      this.tickets.set(id, { tenantId, incidentId: incident.incidentId, status: 'open' });
      created++;
    }
    return created;
  }
  async resolveTickets(incidentId: string) {
    let resolved = 0;
    const tenants: string[] = [];
    for (const t of this.tickets.values()) {
      if (t.incidentId !== incidentId) continue;
      tenants.push(t.tenantId);
      if (t.status === 'open') {
        t.status = 'resolved';
        resolved++;
      }
    }
    return { resolved, tenants };
  }
}
