import {
  consume,
  type EventPublisher,
  type FailureRecorder,
  type IdempotencyStore,
  type Logger,
} from '@backbone/shared/core';
import { tenantNotices } from '@backbone/shared/approvals';
import type { IncidentEvent } from '@backbone/shared/health';
import { type TicketStore } from './ticket-store';
import manifest from './function';
import { consumedEvents } from './schema';
import { applyIncidentEvent, type TicketOutcome } from './service';

export function makeHandler(deps: {
  tickets: TicketStore;
  idempotency: IdempotencyStore;
  publisher: EventPublisher;
  source: string;
  failures: FailureRecorder;
  logger: Logger;
}) {
  /** Each ticketed tenant's admins hear of it (tenant-notices); inside the run, so a failed publish is retried. */
  const tell = (incident: IncidentEvent, { tell }: TicketOutcome, time: string) =>
    Promise.all(
      tell.tenants.map((tenant) =>
        deps.publisher.publish(
          tenantNotices.name,
          tenantNotices.event('notice.incident', {
            id: `notice.incident:${incident.incidentId}:${tell.state}:${tenant}`,
            source: deps.source,
            subject: incident.incidentId,
            time: new Date(time),
            tenant,
            data: { tenant, incidentId: incident.incidentId, state: tell.state, severity: incident.severity },
          }),
        ),
      ),
    );
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const outcome = await deps.idempotency.runOnce(`${manifest.name}:${event.id}`, async () => {
      const applied = await applyIncidentEvent(deps.tickets, event.type, event.data, ctx.log);
      await tell(event.data, applied, event.time);
      return applied;
    });
    if (outcome.status === 'already-done') ctx.log.info('duplicate delivery ignored');
  });
}
