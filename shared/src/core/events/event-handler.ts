import { trace } from '@opentelemetry/api';
import { activeTrace, extractParent, inSpan, SpanKind } from '../tracing/tracing';
import { z } from 'zod';
import { AppError, InvalidEventError, TransientError } from '../errors/app-errors';
import { toFieldIssues } from '../errors/zod-issues';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { FailureRecorder } from '../ports/failure-recorder';
import { EventEnvelopeSchema, fromWireType, type EventEnvelope } from './envelope';

/** The CloudEvent the Functions Framework hands a Pub/Sub-triggered function. */
export const PubSubCloudEventSchema = z.object({
  id: z.string().optional(),
  data: z.object({
    message: z.object({
      data: z.string().optional(),
      messageId: z.string().optional(),
      attributes: z.record(z.string(), z.string()).optional(),
    }),
    subscription: z.string().optional(),
  }),
});

export interface EventContext {
  log: Logger;
  messageId: string;
}

export interface EventHandlerOptions<Schemas extends Record<string, z.ZodType>> {
  functionName: string;
  logger: Logger;
  failures: FailureRecorder;
  /** Event types this function consumes, each with the schema of its `data`. Others are ignored. */
  schemas: Schemas;
  handle(
    event: { [T in keyof Schemas]: EventEnvelope<z.infer<Schemas[T]>> & { type: T } }[keyof Schemas],
    ctx: EventContext,
  ): Promise<void>;
  clock?: Clock;
}

/**
 * Turns a consumer into a Functions Framework CloudEvent handler: base64 -> JSON -> envelope ->
 * data schema. A permanent failure (bad payload, a 4xx decision) is logged, recorded as a dead
 * letter and acknowledged; anything else is thrown so Pub/Sub redelivers with backoff (and its
 * dead-letter topic takes the message after the subscription's maximum attempts).
 *
 * @example
 * functions.cloudEvent('incidentTickets', createEventHandler({ functionName, logger, failures, schemas, handle }));
 */
export function createEventHandler<Schemas extends Record<string, z.ZodType>>(options: EventHandlerOptions<Schemas>) {
  const clock = options.clock ?? systemClock;
  // One CONSUMER span per delivery, a child of the publisher's span (the message's `traceparent`).
  return (cloudEvent: unknown): Promise<void> =>
    inSpan(
      `${options.functionName} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: extractParent(attributesOf(cloudEvent)),
        attributes: { 'messaging.system': 'gcp_pubsub', 'messaging.message.id': messageIdOf(cloudEvent) },
      },
      () => handleDelivery(cloudEvent),
    );

  async function handleDelivery(cloudEvent: unknown): Promise<void> {
    const messageId = messageIdOf(cloudEvent);
    const log = options.logger.child({ messageId, ...activeTrace() });
    try {
      const event = decode(cloudEvent, options.schemas);
      if (!event) {
        log.debug('event type not consumed here; acknowledged');
        return;
      }
      trace.getActiveSpan()?.setAttributes({ 'cloudevents.event_id': event.id, 'cloudevents.event_type': event.type });
      await options.handle(event as Parameters<typeof options.handle>[0], {
        log: log.child({ eventId: event.id, eventType: event.type }),
        messageId,
      });
    } catch (error) {
      if (!isPermanent(error)) {
        log.warn('event failed, will be retried', { error });
        throw error;
      }
      const appError = error as AppError;
      log.error('event rejected permanently; dead-lettered and acknowledged', {
        code: appError.code,
        detail: appError.detail,
        issues: appError.issues,
      });
      await options.failures.record({
        id: `${options.functionName}:${messageId}`,
        function: options.functionName,
        code: appError.code,
        reason: appError.detail,
        payload: readablePayload(cloudEvent),
        receivedAt: clock.now(),
      });
    }
  }
}

function attributesOf(cloudEvent: unknown): Record<string, string> {
  const parsed = PubSubCloudEventSchema.safeParse(cloudEvent);
  return (parsed.success && parsed.data.data.message.attributes) || {};
}

/**
 * The dead letter keeps the message's data decoded (JSON, or text), so the masker sees what it
 * carries: PII inside base64 would pass it unrecognised. Binary data is kept as its size only.
 */
export function readablePayload(cloudEvent: unknown): unknown {
  const outer = PubSubCloudEventSchema.safeParse(cloudEvent);
  if (!outer.success || outer.data.data.message.data === undefined) return cloudEvent;
  const { data: encoded, ...message } = outer.data.data.message;
  const bytes = Buffer.from(encoded, 'base64');
  let decoded: unknown;
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    const asText = text.decode(bytes);
    try {
      decoded = JSON.parse(asText);
    } catch {
      decoded = asText;
    }
  } catch {
    decoded = `[binary, ${bytes.length} bytes]`;
  }
  const event = cloudEvent as { data: Record<string, unknown> };
  return { ...event, data: { ...event.data, message: { ...message, decoded } } };
}

function isPermanent(error: unknown): boolean {
  return error instanceof AppError && !(error instanceof TransientError) && error.status < 500;
}

function messageIdOf(cloudEvent: unknown): string {
  const parsed = PubSubCloudEventSchema.safeParse(cloudEvent);
  return (parsed.success && (parsed.data.data.message.messageId ?? parsed.data.id)) || 'unknown';
}

function decode(cloudEvent: unknown, schemas: Record<string, z.ZodType>): EventEnvelope | undefined {
  const outer = PubSubCloudEventSchema.safeParse(cloudEvent);
  if (!outer.success) throw new InvalidEventError('Not a Pub/Sub CloudEvent.', toFieldIssues(outer.error));
  const encoded = outer.data.data.message.data;
  if (!encoded) throw new InvalidEventError('The Pub/Sub message has no data.');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch (error) {
    throw new InvalidEventError('The message data is not base64-encoded JSON.', [], error);
  }
  if (json && typeof json === 'object' && typeof (json as { type?: unknown }).type === 'string')
    (json as { type: string }).type = fromWireType((json as { type: string }).type);
  const envelope = EventEnvelopeSchema.safeParse(json);
  if (!envelope.success)
    throw new InvalidEventError('The message is not a Backbone event envelope.', toFieldIssues(envelope.error));
  const schema = schemas[envelope.data.type];
  if (!schema) return undefined;
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new InvalidEventError(`The data of '${envelope.data.type}' is not valid.`, toFieldIssues(data.error));
  }
  return { ...envelope.data, data: data.data };
}

/**
 * A function's consumer: `createEventHandler` named after its manifest, with the logger and the
 * dead-letter recorder every consumer's deps carry.
 *
 * @example
 * export const makeHandler = (deps: Deps) => consume(manifest, deps, consumedEvents, async (event, ctx) => { ... });
 */
export function consume<Schemas extends Record<string, z.ZodType>>(
  manifest: { name: string },
  deps: { logger: Logger; failures: FailureRecorder },
  schemas: Schemas,
  handle: EventHandlerOptions<Schemas>['handle'],
) {
  return createEventHandler({
    functionName: manifest.name,
    logger: deps.logger,
    failures: deps.failures,
    schemas,
    handle,
  });
}
