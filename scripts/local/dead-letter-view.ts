// Every dead letter of the suite in one list (README "Dead letters"): what the code knew could never
// succeed (Firestore `dead_letters`), Stripe events that cannot apply (`billing_dead_letters`, replayed
// through billing-api), and Pub/Sub messages whose deliveries ran out (`<function>-dead-letter-inbox`,
// peeked: released again at once, so reading changes nothing).
import type { Firestore } from '@google-cloud/firestore';
import { PubSub, v1 } from '@google-cloud/pubsub';
import type { FunctionManifest } from '@backbone/shared/core';
import { maskDeep } from '@backbone/shared/core';
import { fromFirestore } from '@backbone/shared/gcp';

export interface DeadLetterRow {
  kind: 'permanent' | 'stripe' | 'exhausted';
  /** Where it is kept: the collection, or the inbox subscription. */
  where: string;
  id: string;
  function: string;
  reason: string;
  at: string;
}

export async function collectDeadLetters(input: {
  db: Firestore;
  projectId: string;
  manifests: FunctionManifest[];
  limit: number;
}): Promise<{ rows: DeadLetterRow[]; unreadable: string[] }> {
  const { db, projectId, manifests, limit } = input;
  const rows: DeadLetterRow[] = [];
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? ''));
  for (const doc of (await db.collection('dead_letters').orderBy('receivedAt', 'desc').limit(limit).get()).docs) {
    const letter = fromFirestore(doc.data()) as {
      function: string;
      code: string;
      reason: string;
      receivedAt: Date;
    };
    rows.push({
      kind: 'permanent',
      where: 'dead_letters',
      id: doc.id,
      function: letter.function,
      reason: `${letter.code}: ${letter.reason}`,
      at: iso(letter.receivedAt),
    });
  }
  for (const doc of (await db.collection('billing_dead_letters').orderBy('at', 'desc').limit(limit).get()).docs) {
    const letter = fromFirestore(doc.data()) as { eventId: string; type: string; reason: string; at: Date };
    rows.push({
      kind: 'stripe',
      where: 'billing_dead_letters',
      id: letter.eventId,
      function: 'stripe-webhook',
      reason: `${letter.type}: ${letter.reason}`,
      at: iso(letter.at),
    });
  }
  const config = await new PubSub({ projectId }).getClientConfig();
  const subscriber = new v1.SubscriberClient(config as ConstructorParameters<typeof v1.SubscriberClient>[0]);
  const unreadable: string[] = [];
  for (const m of manifests.filter((manifest) => manifest.trigger.kind === 'pubsub')) {
    const subscription = `projects/${projectId}/subscriptions/${m.name}-dead-letter-inbox`;
    try {
      const [pulled] = await subscriber.pull({ subscription, maxMessages: limit, returnImmediately: true });
      const received = pulled.receivedMessages ?? [];
      for (const { message } of received) {
        const text = Buffer.from(message?.data ?? '').toString('utf8');
        let type = '(not an envelope)';
        try {
          type = String((JSON.parse(text) as { type?: unknown }).type ?? type);
        } catch {
          // a message that is not JSON is listed by its id
        }
        rows.push({
          kind: 'exhausted',
          where: `${m.name}-dead-letter-inbox`,
          id: message?.messageId ?? '',
          function: m.name,
          reason: String(maskDeep(`${type}: deliveries ran out`)),
          at: message?.publishTime?.seconds ? new Date(Number(message.publishTime.seconds) * 1000).toISOString() : '',
        });
      }
      const ackIds = received.map((r) => r.ackId).filter((id): id is string => !!id);
      // Released at once: the inbox keeps them until an operator acknowledges them.
      if (ackIds.length > 0) await subscriber.modifyAckDeadline({ subscription, ackIds, ackDeadlineSeconds: 0 });
    } catch (error) {
      unreadable.push(`${m.name}-dead-letter-inbox: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  await subscriber.close();
  rows.sort((a, b) => b.at.localeCompare(a.at));
  return { rows, unreadable };
}
