import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import { TransientError } from '../errors/app-errors';
import type { EventEnvelope } from '../events/envelope';
import type { Logger } from '../logging/logger';
import { maskDeep, maskPii } from '../logging/pii-masker';
import type { BillingStore } from '../ports/billing-store';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { StripeGateway } from '../ports/stripe-gateway';
import { customerOf, planEvent, tenantFromObject } from './plan-event';
import { TENANT_ID_PATTERN } from '../governance/tenant-id';
import { HANDLED_EVENT_TYPES, StripeEventSchema, stripeIdPattern } from './stripe-objects';

/** `rejected`: the payload is not a Stripe event at all (recorded as a dead letter; the webhook answers 400). */
export type HandleOutcome = 'applied' | 'stale' | 'duplicate' | 'ignored' | 'dead-lettered' | 'rejected';

export interface BillingDeps {
  store: BillingStore;
  gateway: StripeGateway;
  publisher: EventPublisher;
  clock: Clock;
  source: string;
  /** How long a claim holds before another delivery may take the event over (a crashed instance). */
  leaseMs?: number;
  /** The Stripe metadata key naming the tenant (`STRIPE_TENANT_METADATA_KEY`, default `tenant_id`). */
  tenantMetadataKey?: string;
  sleep?: (ms: number) => Promise<void>;
}

/** A failure no retry can fix: recorded as a dead letter and acknowledged. */
class PermanentBillingError extends Error {}

/**
 * Applies one verified Stripe event exactly once. Duplicates (also concurrent ones) change nothing;
 * a transient failure leaves the event for Stripe's retry (the caller answers 5xx); a permanent one
 * is dead-lettered and acknowledged. Domain events leave through the outbox after the commit.
 */
export async function handleStripeEvent(
  deps: BillingDeps,
  payload: unknown,
  log: Logger,
): Promise<HandleOutcome> {
  const parsed = StripeEventSchema.safeParse(payload);
  const now = () => deps.clock.now();
  if (!parsed.success) {
    // Recorded under its own id only when that id is Stripe-shaped: an id never becomes a path
    // unchecked. Anything else is recorded under a digest of the payload (a retry lands on the same record).
    const claimed = (payload as { id?: unknown } | null)?.id;
    const eventId =
      typeof claimed === 'string' && stripeIdPattern('evt_').test(claimed)
        ? claimed
        : `malformed_${createHash('sha256')
            .update(JSON.stringify(payload) ?? 'undefined')
            .digest('hex')
            .slice(0, 40)}`;
    await deps.store.deadLetter({
      eventId,
      type: 'unknown',
      reason: maskPii(
        'not a Stripe event: ' +
          parsed.error.issues
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ')
            .slice(0, 300),
      ),
      payload: maskDeep(payload),
      at: now(),
    });
    log.warn('signed payload is not a Stripe event; dead-lettered', { eventId });
    return 'rejected';
  }
  const event = parsed.data;
  const claim = await deps.store.claim(event.id, {
    type: event.type,
    created: event.created,
    now: now(),
    leaseMs: deps.leaseMs ?? 60_000,
  });
  if (claim.kind === 'duplicate') return 'duplicate';
  if (claim.kind === 'in-progress') return awaitOther(deps, event.id);

  try {
    if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) {
      await deps.store.ignore(event.id, now());
      log.info('stripe event type not applied; recorded', { eventId: event.id, type: event.type });
      return 'ignored';
    }
    const tenantId = await tenantOf(deps, event);
    const target = planEvent(event, tenantId, undefined, deps.source).target; // also validates the object
    const plan = await deps.store.apply(
      event.id,
      target,
      (current) => planEvent(event, tenantId, current, deps.source),
      now(),
      claim.attempts,
    );
    await drain(
      deps,
      log,
      plan.events.map((e) => e.id),
    );
    return plan.record ? 'applied' : 'stale';
  } catch (error) {
    if (error instanceof PermanentBillingError || error instanceof ZodError) {
      const reason =
        error instanceof ZodError
          ? `the ${event.type} object is not as expected: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
          : error.message;
      await deps.store.deadLetter({
        eventId: event.id,
        type: event.type,
        reason: maskPii(reason),
        payload: maskDeep(event),
        at: now(),
      });
      log.error('stripe event dead-lettered', { eventId: event.id, type: event.type, reason });
      return 'dead-lettered';
    }
    // A taken-over claim belongs to the other delivery now: releasing it would undo theirs.
    if (error instanceof TransientError && error.name === 'ClaimTakenOverError') throw error;
    await deps.store.release(event.id, maskPii((error as Error).message), now());
    throw error instanceof TransientError
      ? error
      : new TransientError(`applying ${event.type} failed`, error);
  }
}

let drained = 0;

/**
 * Publishes what this event put in the outbox, and every 20th time what earlier deliveries left
 * there (a broker outage or a crash after the commit): the state is committed already.
 */
export async function drain(deps: BillingDeps, log: Logger, ids: string[]): Promise<void> {
  const publish = (topic: string, event: EventEnvelope, orderingKey: string) =>
    deps.publisher.publish(topic, event, { orderingKey });
  try {
    await deps.store.drainOutbox(publish, ids);
    if (++drained % 20 === 0) await deps.store.drainOutbox(publish);
  } catch (error) {
    log.warn('billing outbox not drained; it is retried with the next event', { error });
  }
}

async function tenantOf(deps: BillingDeps, event: import('./stripe-objects').StripeEvent): Promise<string> {
  const key = deps.tenantMetadataKey ?? 'tenant_id';
  const tenant = tenantFromObject(event, key) ?? (await tenantOfCustomer(deps, event, key));
  // The id becomes Firestore paths and policy entities: the shared format only.
  if (!TENANT_ID_PATTERN.test(tenant))
    throw new PermanentBillingError(`the tenant named in Stripe's ${key} metadata is not a tenant id`);
  return tenant;
}

async function tenantOfCustomer(
  deps: BillingDeps,
  event: import('./stripe-objects').StripeEvent,
  key: string,
): Promise<string> {
  const customer = customerOf(event);
  if (!customer) throw new PermanentBillingError(`${event.type} names no customer`);
  const tenant =
    (await deps.store.tenantOfCustomer(customer)) ?? (await deps.gateway.customerTenant(customer, key));
  if (!tenant) throw new PermanentBillingError(`customer ${customer} has no ${key} in its metadata`);
  return tenant;
}

/** Another delivery holds the event: wait for it briefly; a 2xx only once it is settled. */
async function awaitOther(deps: BillingDeps, eventId: string): Promise<HandleOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let i = 0; i < 25; i++) {
    await sleep(200);
    const status = await deps.store.status(eventId);
    if (status === 'done' || status === 'ignored' || status === 'failed') return 'duplicate';
    if (status === 'received') break;
  }
  throw new TransientError(`event ${eventId} is being processed by another delivery`);
}
