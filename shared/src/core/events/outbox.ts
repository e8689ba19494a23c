import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { EventPublisher } from '../ports/event-publisher';
import type { EventEnvelope } from './envelope';

/**
 * An event waiting in an outbox: written in the transaction of the change that caused it, removed
 * once the broker has it. Health and billing keep theirs in Firestore; this is their one shape.
 */
export interface OutboxEntry {
  event: EventEnvelope;
  topic: string;
  orderingKey: string;
}

/**
 * Publishes entries in order per ordering key, every key at once (the broker batches per key).
 * A key whose publish fails stops there, so its later events wait and order holds; the other keys
 * go on. Resolves with the ids the broker accepted and the first failure, for the caller to remove
 * what was sent before it surfaces the error.
 */
export async function publishInKeyOrder(
  publisher: EventPublisher,
  entries: readonly OutboxEntry[],
): Promise<{ sent: string[]; failure: unknown }> {
  const byKey = new Map<string, OutboxEntry[]>();
  for (const entry of entries) byKey.set(entry.orderingKey, [...(byKey.get(entry.orderingKey) ?? []), entry]);
  const sent: string[] = [];
  let failure: unknown;
  await mapWithConcurrency([...byKey.values()], 1000, async (queue) => {
    try {
      for (const entry of queue) {
        await publisher.publish(entry.topic, entry.event, { orderingKey: entry.orderingKey });
        sent.push(entry.event.id);
      }
    } catch (error) {
      failure ??= error;
    }
  });
  return { sent, failure };
}
