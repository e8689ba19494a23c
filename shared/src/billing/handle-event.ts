import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import { TransientError } from '../core/errors/app-errors';
import type { EventEnvelope } from '../core/events/envelope';
import type { TtlCache } from '../core/concurrency/ttl-cache';
import type { Logger } from '../core/logging/logger';
import { maskDeep, maskPii } from '../core/logging/pii-masker';
import type { BillingStore } from './billing-store';
import type { Clock } from '../core/ports/clock';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { StripeGateway } from './stripe-gateway';
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
  /** The Stripe metadata key naming the tenant (`STRIPE_TENANT_METADATA_KEY`, default `tenant_id`). */
  tenantMetadataKey?: string;
  /** Customer -> tenant, per instance: a customer's tenant is set when it is created and does not move. */
  customerTenants?: TtlCache<string>;
}

/** A failure no retry can fix: recorded as a dead letter and acknowledged. */
class PermanentBillingError extends Error {}

/**
 * Applies one verified Stripe event exactly once. Duplicates (also concurrent ones) change nothing;
 * a transient failure leaves the event for Stripe's retry (the caller answers 5xx); a permanent one
 * is dead-lettered and acknowledged. Domain events leave through the outbox after the commit.
 */
export async function handleStripeEvent(deps: BillingDeps, payload: unknown, log: Logger): Promise<HandleOutcome> {
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
  const ref = { id: event.id, type: event.type, created: event.created };
  try {
    if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) {
      if (!(await deps.store.ignore(ref, now()))) return 'duplicate';
      log.info('stripe event type not applied; recorded', { eventId: event.id, type: event.type });
      return 'ignored';
    }
    const tenantId = await tenantOf(deps, event);
    const target = planEvent(event, tenantId, undefined, deps.source).target; // also validates the object
    const result = await deps.store.apply(
      ref,
      target,
      (current) => planEvent(event, tenantId, current, deps.source),
      now(),
    );
    if (result.kind === 'duplicate') return 'duplicate';
    await publishCommitted(deps, log, result.plan.events);
    return result.plan.record ? 'applied' : 'stale';
  } catch (error) {
    if (error instanceof PermanentBillingError || error instanceof ZodError) {
      const reason =
        error instanceof ZodError
          ? `the ${event.type} object is not as expected: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
          : error.message;
      const recorded = await deps.store.deadLetter({
        eventId: event.id,
        type: event.type,
        reason: maskPii(reason),
        payload: maskDeep(event),
        at: now(),
      });
      if (!recorded) return 'duplicate';
      log.error('stripe event dead-lettered', { eventId: event.id, type: event.type, reason });
      return 'dead-lettered';
    }
    await deps.store.release(ref, maskPii((error as Error).message), now()).catch(() => undefined);
    throw error instanceof TransientError ? error : new TransientError(`applying ${event.type} failed`, error);
  }
}

/**
 * Publishes what this event committed to the outbox: the state is committed already, so a broker
 * failure is logged and left to the outbox-sweeper (every minute, entries older than 30 s).
 */
async function publishCommitted(deps: BillingDeps, log: Logger, events: EventEnvelope[]): Promise<void> {
  try {
    await deps.store.publishCommitted(events, (topic, event, orderingKey) =>
      deps.publisher.publish(topic, event, { orderingKey }),
    );
  } catch (error) {
    log.warn('billing events not published; the outbox sweep publishes them', { error });
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
  // Not finding one is a failure, so the cache never keeps it: metadata added later is seen.
  const lookup = async () => {
    const found = (await deps.store.tenantOfCustomer(customer)) ?? (await deps.gateway.customerTenant(customer, key));
    if (!found) throw new PermanentBillingError(`customer ${customer} has no ${key} in its metadata`);
    return found;
  };
  const tenant = deps.customerTenants ? await deps.customerTenants.get(customer, lookup) : await lookup();
  return tenant;
}
