import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';

/**
 * Delivers a subscription's messages to a function the way a Pub/Sub push subscription delivers
 * to Cloud Run: the push envelope over HTTP POST, acknowledged on a 2xx and redelivered (with the
 * subscription's backoff and dead-letter policy) otherwise, with as many requests in flight as
 * Cloud Run would run at once (the manifest's concurrency x maxInstances), spread over the local
 * instances (fewer processes than Cloud Run would start, each taking its share).
 * The emulator's own push delivery sends a few messages a second, one at a time, which made a
 * local scraping run ten times slower than the same run in memory.
 */
export class PushRelay {
  private readonly subscription: Subscription;
  private readonly inFlight: number[];
  /** Per ordering key, the delivery before: a key's messages go one after another, as push does. */
  private readonly keyed = new Map<string, Promise<void>>();
  /** Keys whose delivery failed: what follows is nacked undelivered, to come again in order after it. */
  private readonly stalled = new Set<string>();
  private stopped = false;

  constructor(
    private readonly options: {
      projectId: string;
      subscription: string;
      /** The push endpoints of the function's local instances. */
      endpoints: string[];
      /** Requests in flight in all (the manifest's concurrency x maxInstances). */
      maxInFlight: number;
      onError?: (line: string) => void;
    },
  ) {
    this.inFlight = options.endpoints.map(() => 0);
    this.subscription = new PubSub({ projectId: options.projectId }).subscription(options.subscription, {
      flowControl: {
        maxMessages: options.maxInFlight,
        allowExcessMessages: false,
      },
    });
  }

  start(): this {
    this.subscription.on('message', (message: Message) => {
      const key = message.orderingKey;
      if (!key) return void this.deliver(message);
      const next = (this.keyed.get(key) ?? Promise.resolve()).then(async () => {
        if (this.stalled.has(key)) return message.nack();
        if (!(await this.deliver(message))) this.stalled.add(key);
      });
      this.keyed.set(key, next);
      void next.finally(() => {
        if (this.keyed.get(key) !== next) return;
        this.keyed.delete(key);
        this.stalled.delete(key);
      });
    });
    this.subscription.on('error', (error: Error) => this.options.onError?.(`push relay: ${error.message}`));
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription.close();
  }

  /** Whether the function answered 2xx (the message is then acknowledged). */
  private async deliver(message: Message): Promise<boolean> {
    // The least busy instance, as Cloud Run's load balancer would pick.
    const target = this.inFlight.indexOf(Math.min(...this.inFlight));
    this.inFlight[target]!++;
    try {
      const response = await fetch(this.options.endpoints[target]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'APIs-Google (backbone local push)' },
        body: JSON.stringify(pushEnvelope(message, this.options.projectId, this.options.subscription)),
      });
      await response.arrayBuffer();
      if (this.stopped) return false;
      if (response.ok) message.ack();
      else message.nack();
      return response.ok;
    } catch (error) {
      if (!this.stopped) {
        this.options.onError?.(`push relay: ${(error as Error).message}`);
        message.nack();
      }
      return false;
    } finally {
      this.inFlight[target]!--;
    }
  }
}

/** The body Pub/Sub POSTs to a push endpoint (both spellings of the ids, as the service sends them). */
export function pushEnvelope(message: Message, projectId: string, subscription: string) {
  const publishTime = message.publishTime.toISOString();
  return {
    message: {
      data: message.data.toString('base64'),
      attributes: message.attributes,
      messageId: message.id,
      message_id: message.id,
      publishTime,
      publish_time: publishTime,
      ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
    },
    subscription: `projects/${projectId}/subscriptions/${subscription}`,
    ...(message.deliveryAttempt ? { deliveryAttempt: message.deliveryAttempt } : {}),
  };
}
