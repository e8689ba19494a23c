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
 * Publishes entries in order per ordering key, every key at once. A key's entries are handed to
 * the publisher together, without waiting for each acknowledgement: the publisher keeps one key's
 * messages in call order and batches them (Pub/Sub's ordered publisher does), so a key costs a few
 * round trips, not one per entry. A key whose publish fails stops there: only the entries before
 * its first failure count as sent, so its later events wait and order holds; the other keys go on.
 * Resolves with the ids the broker accepted and the first failure, for the caller to remove what
 * was sent before it surfaces the error.
 */
export async function publishInKeyOrder(
  publisher: EventPublisher,
  entries: readonly OutboxEntry[],
): Promise<{ sent: string[]; failure: unknown }> {
  const byKey = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const queue = byKey.get(entry.orderingKey);
    if (queue) queue.push(entry);
    else byKey.set(entry.orderingKey, [entry]);
  }
  const sent: string[] = [];
  let failure: unknown;
  await Promise.all(
    [...byKey.values()].map(async (queue) => {
      const results = await Promise.allSettled(
        queue.map((entry) => publisher.publish(entry.topic, entry.event, { orderingKey: entry.orderingKey })),
      );
      const failed = results.findIndex((r) => r.status === 'rejected');
      const accepted = failed === -1 ? queue : queue.slice(0, failed);
      sent.push(...accepted.map((entry) => entry.event.id));
      if (failed !== -1) failure ??= (results[failed] as PromiseRejectedResult).reason;
    }),
  );
  return { sent, failure };
}
