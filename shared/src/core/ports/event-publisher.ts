import type { EventEnvelope } from '../events/envelope';

export interface PublishOptions {
  /** Messages with one ordering key are delivered in publish order (000#57). */
  orderingKey?: string;
}

/**
 * Publishes domain events to a topic.
 *
 * @example
 * await publisher.publish('health-events', envelope, { orderingKey: envelope.subject });
 */
export interface EventPublisher {
  /** Resolves with the message id once the broker has accepted the event. */
  publish(topic: string, event: EventEnvelope, options?: PublishOptions): Promise<string>;
}
