import { createHash } from 'node:crypto';
import type { EventEnvelope } from '../core/events/envelope';
import type { OutboxEntry } from '../core/events/outbox';
import { defineTopic } from '../core/events/topic';
import { healthEventTypes, IncidentEventSchema, ServiceStatusChangedSchema } from './health-schemas';

/** `health-events`: status changes and incidents from the aggregator, ordered per service (see `healthOrderingKey`). */
export const healthEvents = defineTopic('health-events', {
  ordered: true,
  events: {
    [healthEventTypes.statusChanged]: ServiceStatusChangedSchema,
    [healthEventTypes.incidentOpened]: IncidentEventSchema,
    [healthEventTypes.incidentUpdated]: IncidentEventSchema,
    [healthEventTypes.incidentResolved]: IncidentEventSchema,
  },
});

/**
 * How many ordering keys health events are spread over. One key per service made a round in which
 * every service changed (the first, or a platform-wide outage) one publish call per service; a
 * few dozen keys keep each service's events in order (a service always maps to the same key) and
 * let the publisher send a key's events in one batch. Pub/Sub's limit of 1 MB/s per key is far
 * above what a round publishes. The price: a consumer stuck on one event holds back the events of
 * the services sharing its key until the event is dead-lettered.
 */
export const HEALTH_ORDERING_KEYS = 32;

/** The ordering key of a service's events: stable, so its events stay in order across rounds and releases. */
export function healthOrderingKey(serviceId: string): string {
  const shard = createHash('sha256').update(serviceId).digest().readUInt32BE(0) % HEALTH_ORDERING_KEYS;
  return `services-${shard}`;
}

/** A health event as it waits in the outbox: on its topic, under its service's ordering key. */
export function healthOutboxEntry(event: EventEnvelope, topic: string): OutboxEntry {
  return { event, topic, orderingKey: healthOrderingKey(event.subject) };
}
