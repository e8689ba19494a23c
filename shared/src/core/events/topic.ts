import { z } from 'zod';
import { toFieldIssues } from '../errors/zod-issues';
import { EventEnvelopeSchema, type EventEnvelope } from './envelope';

/** The data schema of each event type a topic carries. */
export type EventSchemas = Record<string, z.ZodType>;

/** What a producer says about one event; the topic adds the envelope's fixed fields. */
export interface EventInput<Data> {
  /** Unique per event and stable across retries: consumers are idempotent on it. */
  id: string;
  /** The publishing function: `backbone/<name>`. */
  source: string;
  /** What the event is about; the ordering key of ordered topics. */
  subject: string;
  time: Date;
  tenant?: string;
  data: Data;
}

export type TopicEvent<Events extends EventSchemas, T extends keyof Events> = EventEnvelope<z.output<Events[T]>> & {
  type: T;
};

export interface Topic<Events extends EventSchemas = EventSchemas> {
  readonly kind: 'topic';
  readonly name: string;
  /** Publishers set an ordering key on every message, so subscriptions may deliver in order (000#57). */
  readonly ordered: boolean;
  readonly events: Events;
  /** Builds one event's envelope and validates it against the catalog: a producer cannot send what consumers refuse. */
  event<T extends keyof Events & string>(type: T, input: EventInput<z.input<Events[T]>>): TopicEvent<Events, T>;
  /** The data schemas of the types a consumer handles, for `createEventHandler`'s `schemas`. */
  consume<T extends keyof Events & string>(...types: T[]): Pick<Events, T>;
  /** The envelope of any event on this topic (unknown types refused). */
  readonly envelope: z.ZodType<EventEnvelope>;
}

/** A producer built an event its topic's schema refuses: a programming error, never input. */
export class EventContractError extends Error {
  constructor(topic: string, type: string, detail: string) {
    super(`${topic}/${type}: ${detail}`);
    this.name = 'EventContractError';
  }
}

/**
 * Declares a topic and the events it carries, once: producers build envelopes through it,
 * consumers take their schemas from it and manifests reference it.
 *
 * @example
 * export const healthEvents = defineTopic('health-events', { ordered: true, events: { 'health.incident_opened': IncidentEventSchema } });
 * await publisher.publish(healthEvents.name, healthEvents.event('health.incident_opened', { id, source, subject, time, data }));
 */
export function defineTopic<Events extends EventSchemas>(
  name: string,
  definition: { ordered: boolean; events: Events },
): Topic<Events> {
  const types = Object.keys(definition.events);
  if (types.length === 0) throw new Error(`topic ${name} declares no event types`);
  const envelope = z.custom<EventEnvelope>().superRefine((value, ctx) => {
    const parsed = EventEnvelopeSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return;
    }
    const schema = definition.events[parsed.data.type];
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `not an event type of ${name}` });
      return;
    }
    const data = schema.safeParse(parsed.data.data);
    if (!data.success)
      for (const issue of data.error.issues)
        ctx.addIssue({ code: 'custom', path: ['data', ...issue.path], message: issue.message });
  });
  return {
    kind: 'topic',
    name,
    ordered: definition.ordered,
    events: definition.events,
    envelope,
    event(type, input) {
      const schema = definition.events[type];
      if (!schema) throw new EventContractError(name, type, 'not an event type of this topic');
      const data = schema.safeParse(input.data);
      if (!data.success)
        throw new EventContractError(
          name,
          type,
          toFieldIssues(data.error)
            .map((issue) => `${issue.path}: ${issue.message}`)
            .join('; '),
        );
      const event = EventEnvelopeSchema.parse({
        specversion: '1.0',
        id: input.id,
        type,
        source: input.source,
        time: input.time.toISOString(),
        subject: input.subject,
        ...(input.tenant !== undefined ? { tenant: input.tenant } : {}),
        dataversion: '1',
        data: data.data,
      });
      return event as TopicEvent<Events, typeof type>;
    },
    consume(...wanted) {
      const picked = {} as Pick<Events, (typeof wanted)[number]>;
      for (const type of wanted) {
        if (!definition.events[type]) throw new Error(`${type} is not an event type of ${name}`);
        picked[type] = definition.events[type];
      }
      return picked;
    },
  };
}

/** Whether a value is a topic from `defineTopic` (manifests accept nothing else). */
export function isTopic(value: unknown): value is Topic {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'topic';
}
