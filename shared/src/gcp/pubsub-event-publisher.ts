import { toWireType } from '../core/events/envelope';
import { injectTrace, inSpan, SpanKind } from '../core/tracing/tracing';
import { PubSub, type Topic } from '@google-cloud/pubsub';
import type { EventEnvelope } from '../core/events/envelope';
import type { EventPublisher, PublishOptions } from '../core/ports/event-publisher';

/**
 * Publishes envelopes as JSON to Pub/Sub. Ordering keys need a publisher with message
 * ordering on; after a failed ordered publish the key is resumed so later events can flow.
 */
export class PubSubEventPublisher implements EventPublisher {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly pubsub: PubSub) {}

  static forProject(projectId: string): PubSubEventPublisher {
    // The client's own spans (its batching and the RPC) join the PRODUCER span below.
    return new PubSubEventPublisher(new PubSub({ projectId, enableOpenTelemetryTracing: true }));
  }

  /** A PRODUCER span per message, its `traceparent` in the message's attributes for the consumer. */
  publish(topicName: string, event: EventEnvelope, options: PublishOptions = {}): Promise<string> {
    return inSpan(
      `${topicName} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'gcp_pubsub',
          'messaging.destination.name': topicName,
          'cloudevents.event_id': event.id,
          'cloudevents.event_type': event.type,
        },
      },
      () => this.send(topicName, event, options),
    );
  }

  private async send(topicName: string, event: EventEnvelope, options: PublishOptions): Promise<string> {
    const topic = this.topic(topicName);
    // The CloudEvents Pub/Sub binding, structured mode: the whole event is the message's data,
    // and `content-type` says so. `type` is also an attribute, for subscription filters.
    const type = toWireType(event.type);
    const attributes: Record<string, string> = { 'content-type': CLOUDEVENTS_JSON, type };
    injectTrace(attributes);
    try {
      return await topic.publishMessage({
        data: Buffer.from(JSON.stringify({ ...event, type })),
        attributes,
        ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
      });
    } catch (error) {
      if (options.orderingKey) topic.resumePublishing(options.orderingKey);
      throw error;
    }
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.pubsub.topic(name, { messageOrdering: true, batching: { maxMilliseconds: 10 } });
      this.topics.set(name, topic);
    }
    return topic;
  }
}

/** The structured-mode content type of the CloudEvents protocol bindings. */
export const CLOUDEVENTS_JSON = 'application/cloudevents+json; charset=utf-8';
