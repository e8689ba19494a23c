import { consume, type FailureRecorder, type IdempotencyStore, type Logger } from '@backbone/shared/core';
import { type TicketStore } from './ticket-store';
import manifest from './function';
import { consumedEvents } from './schema';
import { applyIncidentEvent } from './service';

export function makeHandler(deps: {
  tickets: TicketStore;
  idempotency: IdempotencyStore;
  failures: FailureRecorder;
  logger: Logger;
}) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const outcome = await deps.idempotency.runOnce(`${manifest.name}:${event.id}`, () =>
      applyIncidentEvent(deps.tickets, event.type, event.data, ctx.log),
    );
    if (outcome.status === 'already-done') ctx.log.info('duplicate delivery ignored');
  });
}
