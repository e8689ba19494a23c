import { type Logger } from '@backbone/shared/core';
import { healthEventTypes, type IncidentEvent } from '@backbone/shared/health';
import { type TicketStore } from './ticket-store';

export interface TicketOutcome {
  affected: number;
  opened: number;
  resolved: number;
  /** The tenants to tell (every tenant ticketed, not only the new ones: a notice's id makes a repeat harmless). */
  tell: { state: 'opened' | 'resolved'; tenants: string[] };
}

/**
 * Keeps customer tickets in step with a platform incident: an opened or widened incident
 * opens a ticket per affected tenant (the root service and every impacted one count), a
 * resolved one closes them. Every step is idempotent on its own, so a redelivery is harmless.
 */
export async function applyIncidentEvent(
  store: TicketStore,
  type: string,
  incident: IncidentEvent,
  log: Logger,
): Promise<TicketOutcome> {
  if (type === healthEventTypes.incidentResolved) {
    const { resolved, tenants } = await store.resolveTickets(
      incident.incidentId,
      new Date(incident.resolvedAt ?? Date.now()),
    );
    log.info('incident tickets resolved', { incidentId: incident.incidentId, resolved });
    return { affected: 0, opened: 0, resolved, tell: { state: 'resolved', tenants: [...new Set(tenants)].sort() } };
  }
  const serviceIds = [incident.serviceId, ...incident.impacted];
  const affected = await store.subscriptionsUsing(serviceIds);
  const opened = await store.openTickets(
    {
      incidentId: incident.incidentId,
      serviceIds,
      severity: incident.severity,
      openedAt: new Date(incident.openedAt),
    },
    affected,
  );
  log.info('incident tickets opened', { incidentId: incident.incidentId, affected: affected.length, opened });
  const tenants = [...new Set(affected.map((a) => a.tenantId))].sort();
  return { affected: affected.length, opened, resolved: 0, tell: { state: 'opened', tenants } };
}
