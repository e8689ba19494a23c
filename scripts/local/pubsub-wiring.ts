import type { FunctionManifest } from '@backbone/shared/core';
import { PushRelay } from './push-relay';

async function put(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // 409: it exists already (a restart against running emulators).
  if (!response.ok && response.status !== 409)
    throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
}

/** The push endpoint the Functions Framework turns into a Pub/Sub CloudEvent with a proper source. */
export function pushEndpoint(functionUrl: string, projectId: string, topic: string): string {
  return `${functionUrl}/projects/${projectId}/topics/${topic}`;
}

/**
 * Creates, on the Pub/Sub emulator, every topic the manifests publish to or are triggered by,
 * and for each Pub/Sub-triggered function its subscription with the manifest's ordering, backoff
 * and dead-letter topic, as production has them, delivered to the function's local instances by
 * a PushRelay with the concurrency Cloud Run would give (concurrency x maxInstances; the emulator's
 * own push delivers a few messages a second). `stop` ends the relays.
 */
export async function wirePubSub(options: {
  emulatorHost: string;
  projectId: string;
  manifests: FunctionManifest[];
  /** Each function's local URL, or its instances' URLs. */
  urls: Record<string, string | string[]>;
  onError?: (line: string) => void;
}): Promise<{ topics: string[]; subscriptions: string[]; stop(): Promise<void> }> {
  const base = `http://${options.emulatorHost}/v1/projects/${options.projectId}`;
  const topics = new Set<string>();
  for (const m of options.manifests) {
    for (const t of m.touches.publishes) topics.add(t);
    if (m.trigger.kind === 'pubsub') {
      topics.add(m.trigger.topic);
      topics.add(`${m.name}-dead-letter`);
    }
  }
  for (const topic of topics) await put(`${base}/topics/${topic}`, {});
  const subscriptions: string[] = [];
  const relays: PushRelay[] = [];
  for (const m of options.manifests) {
    if (m.trigger.kind !== 'pubsub') continue;
    const name = `${m.name}-push`;
    await put(`${base}/subscriptions/${name}`, {
      topic: `projects/${options.projectId}/topics/${m.trigger.topic}`,
      ackDeadlineSeconds: m.trigger.ackDeadlineSeconds,
      enableMessageOrdering: m.trigger.ordering,
      retryPolicy: {
        minimumBackoff: `${m.trigger.minBackoffSeconds}s`,
        maximumBackoff: `${m.trigger.maxBackoffSeconds}s`,
      },
      deadLetterPolicy: {
        deadLetterTopic: `projects/${options.projectId}/topics/${m.name}-dead-letter`,
        maxDeliveryAttempts: m.trigger.maxDeliveryAttempts,
      },
    });
    subscriptions.push(name);
    // The operators' inbox of messages whose deliveries ran out, as production has it.
    await put(`${base}/subscriptions/${m.name}-dead-letter-inbox`, {
      topic: `projects/${options.projectId}/topics/${m.name}-dead-letter`,
      ackDeadlineSeconds: 60,
    });
    const instances = [options.urls[m.name]!].flat();
    const topic = m.trigger.topic;
    relays.push(
      new PushRelay({
        projectId: options.projectId,
        subscription: name,
        endpoints: instances.map((url) => pushEndpoint(url, options.projectId, topic)),
        maxInFlight: m.runtime.concurrency * m.runtime.maxInstances,
        ...(options.onError ? { onError: options.onError } : {}),
      }).start(),
    );
  }
  return {
    topics: [...topics].sort(),
    subscriptions,
    stop: async () => {
      await Promise.all(relays.map((r) => r.stop()));
    },
  };
}
