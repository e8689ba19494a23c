import { randomBytes } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '../gcp/firestore-client';

/**
 * Helpers for integration tests against the emulators that `npm test` starts once.
 * Each test file uses its own project id: Firestore and Pub/Sub keep projects apart, so files
 * running in parallel never see each other's data.
 */
export function uniqueProjectId(prefix = 'demo-test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A Firestore client on this test file's own project in the emulator, closed after the file's tests. */
export function emulatorFirestore(projectId = uniqueProjectId()): Firestore {
  const db = createFirestore(projectId);
  afterAll(() => db.terminate());
  return db;
}

function pubsubBase(): string {
  const host = process.env.PUBSUB_EMULATOR_HOST;
  if (!host) throw new Error('PUBSUB_EMULATOR_HOST is not set');
  return `http://${host}/v1/projects`;
}

async function call(method: string, url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 409) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

export async function ensureTopic(projectId: string, topic: string): Promise<void> {
  await call('PUT', `${pubsubBase()}/${projectId}/topics/${topic}`, {});
}

/** A pull subscription (ordered) on a topic, created with the topic if needed. */
export async function createPullSubscription(projectId: string, topic: string, subscription: string): Promise<void> {
  await ensureTopic(projectId, topic);
  await call('PUT', `${pubsubBase()}/${projectId}/subscriptions/${subscription}`, {
    topic: `projects/${projectId}/topics/${topic}`,
    enableMessageOrdering: true,
    ackDeadlineSeconds: 10,
  });
}

export interface PulledMessage {
  data: unknown;
  attributes: Record<string, string>;
  orderingKey?: string;
  messageId: string;
}

/** Pulls and acknowledges until at least `count` messages arrived and the subscription is drained, or `timeoutMs` passed. */
export async function pullMessages(
  projectId: string,
  subscription: string,
  count: number,
  timeoutMs = 5000,
): Promise<PulledMessage[]> {
  const url = `${pubsubBase()}/${projectId}/subscriptions/${subscription}`;
  const messages: PulledMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pulled = (await call('POST', `${url}:pull`, { maxMessages: 100, returnImmediately: true })) as {
      receivedMessages?: {
        ackId: string;
        message: {
          data: string;
          attributes?: Record<string, string>;
          orderingKey?: string;
          messageId: string;
        };
      }[];
    };
    const received = pulled.receivedMessages ?? [];
    if (received.length === 0) {
      if (messages.length >= count) break;
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    await call('POST', `${url}:acknowledge`, { ackIds: received.map((m) => m.ackId) });
    for (const { message } of received) {
      messages.push({
        data: JSON.parse(Buffer.from(message.data, 'base64').toString('utf8')),
        attributes: message.attributes ?? {},
        messageId: message.messageId,
        ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      });
    }
  }
  return messages;
}

/** Deletes every document of a project in the Firestore emulator. */
export async function clearFirestore(projectId: string): Promise<void> {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, {
    method: 'DELETE',
  });
}
