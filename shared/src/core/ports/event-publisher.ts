import type { EventEnvelope } from '../events/envelope';

export interface PublishOptions {
  /**
   * Messages with one ordering key are delivered in the order `publish` was called (000#57), even
   * when a call is made before the previous one resolved; once one fails, the calls on its key
   * already made fail too, so nothing after a gap is delivered.
   */
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
