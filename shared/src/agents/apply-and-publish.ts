import { publishInKeyOrder, type OutboxEntry } from '../core/events/outbox';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import type { AgentRecord } from './agent-record';
import type { AgentPlan, AgentStore } from './agent-store';

/**
 * Runs one change through the store, then publishes the events its committed transaction wrote
 * (from memory, in order per agent) and removes them from the outbox. What the broker refuses
 * stays in the outbox for the outbox sweeper, and the change stands.
 */
export async function applyAndPublish(
  deps: { store: AgentStore; publisher: EventPublisher; logger: Logger },
  tenant: string,
  id: string,
  version: string | undefined,
  plan: AgentPlan,
): Promise<AgentRecord | undefined> {
  let written: OutboxEntry[] = [];
  const record = await deps.store.apply(tenant, id, version, (current, existing) => {
    const change = plan(current, existing);
    written = change?.events ?? [];
    return change;
  });
  const { sent, failure } = await publishInKeyOrder(deps.publisher, written);
  await deps.store.removeFromOutbox(sent);
  if (failure) deps.logger.warn('agent events left in the outbox for the sweep', { error: String(failure) });
  return record;
}
