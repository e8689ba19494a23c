import type { Firestore } from '@google-cloud/firestore';
import { publishInKeyOrder, type OutboxEntry } from '../core/events/outbox';
import type { EventPublisher } from '../core/ports/event-publisher';

/** An entry is the sweep's once its own publish had this long. */
export const OUTBOX_GRACE_MS = 30_000;

/**
 * One sweep of an outbox collection (`{event, topic, orderingKey, at}` documents keyed by event
 * id): entries older than the grace period are claimed (conditioned on the version read, so
 * concurrent sweeps publish each entry once; a sweep that dies after claiming leaves it to the
 * next one after 30 s), published in order per key, and removed. A broker failure is thrown after
 * removing what was sent. Resolves with how many were published.
 */
export async function drainFirestoreOutbox(
  db: Firestore,
  collection: string,
  publisher: EventPublisher,
  now: Date,
  limit = 200,
): Promise<number> {
  const at = now.getTime();
  const docs = (
    await db
      .collection(collection)
      .where('at', '<', new Date(at - OUTBOX_GRACE_MS))
      .orderBy('at')
      .limit(limit)
      .get()
  ).docs;
  const claimed = await Promise.all(
    docs
      .filter((doc) => ((doc.get('claimedUntil') as number | undefined) ?? 0) <= at)
      .map((doc) =>
        doc.ref
          .update({ claimedUntil: at + OUTBOX_GRACE_MS }, { lastUpdateTime: doc.updateTime })
          .then(() => {
            const { event, topic, orderingKey } = doc.data() as OutboxEntry;
            return { event, topic, orderingKey };
          })
          .catch(() => undefined),
      ),
  );
  const entries = claimed.filter((entry): entry is OutboxEntry => entry !== undefined);
  const { sent, failure } = await publishInKeyOrder(publisher, entries);
  const batch = db.batch();
  for (const id of sent) batch.delete(db.collection(collection).doc(id));
  if (sent.length > 0) await batch.commit();
  if (failure) throw failure;
  return sent.length;
}
