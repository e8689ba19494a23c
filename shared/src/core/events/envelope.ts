import { z } from 'zod';

/**
 * The one versioned envelope every Backbone domain event travels in (000#3, 000#57),
 * close to CloudEvents 1.0 so it maps onto Eventarc unchanged.
 */
export const EventEnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  /** Unique per event; consumers are idempotent on it. */
  id: z.string().min(1),
  /** Dotted, past tense: `health.incident_opened`. */
  type: z.string().regex(/^[a-z]+(?:[._][a-z]+)+$/),
  /** The function that published it: `backbone/health-aggregator`. */
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  /** What the event is about (a service id, a subscription id). Also its ordering key. */
  subject: z.string().min(1),
  /** Tenant the event belongs to, when it belongs to one. */
  tenant: z.string().min(1).optional(),
  /** `data` is JSON (CloudEvents `datacontenttype`). */
  datacontenttype: z.literal('application/json').default('application/json'),
  /** Version of `data`'s schema for this `type`. */
  dataversion: z.string().default('1'),
  data: z.unknown(),
});
export type EventEnvelope<T = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'data' | 'datacontenttype'> & {
  /** Always `application/json` once parsed; hand-built envelopes (tests) may leave it out. */
  datacontenttype?: 'application/json';
  data: T;
};

/**
 * On the wire an event's `type` is reverse-DNS, as CloudEvents recommends (`io.backbone.` before
 * Backbone's dotted name: `io.backbone.billing.invoice_paid`); in code, the catalog and stored
 * records it is the dotted name. A type without the prefix (an older publisher) is still read.
 */
export const WIRE_TYPE_PREFIX = 'io.backbone.';

export function toWireType(type: string): string {
  return type.startsWith(WIRE_TYPE_PREFIX) ? type : `${WIRE_TYPE_PREFIX}${type}`;
}

export function fromWireType(type: string): string {
  return type.startsWith(WIRE_TYPE_PREFIX) ? type.slice(WIRE_TYPE_PREFIX.length) : type;
}
