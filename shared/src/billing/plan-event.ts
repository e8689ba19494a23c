import type { z } from 'zod';
import type { EventEnvelope } from '../core/events/envelope';
import { billingEvents, type BillingEventType } from './billing-events';
import {
  ChargeSchema,
  CheckoutSessionSchema,
  CreditNoteSchema,
  CustomerSchema,
  idOf,
  InvoiceSchema,
  SubscriptionSchema,
  type StripeEvent,
} from './stripe-objects';

export const BILLING_COLLECTIONS = {
  customers: 'billing_customers',
  subscriptions: 'billing_subscriptions',
  invoices: 'billing_invoices',
  creditNotes: 'billing_credit_notes',
  refunds: 'billing_refunds',
} as const;
export type BillingCollection = (typeof BILLING_COLLECTIONS)[keyof typeof BILLING_COLLECTIONS];

/** Every billing record remembers the newest Stripe event applied to it. */
export interface Watermark {
  eventCreated: number;
  eventId: string;
  /** Where the event's object stands in its lifecycle: orders events of one second (see sameSecondRank). */
  eventRank: number;
}

/**
 * Stripe's `created` has one-second resolution, and a burst (checkout, then the first invoice, a
 * cancellation right after an update) puts several events for one object in one second, delivered
 * in any order. Within one second the later event is the one further along its object's lifecycle:
 * the status first (a lattice with `canceled`, `void` and `paid` final), then the event type
 * (created < updated < deleted; finalized < payment_failed < paid/voided). Across seconds,
 * `created` alone orders.
 */
const SUBSCRIPTION_STATUS_RANK: Record<string, number> = {
  incomplete: 1,
  trialing: 2,
  active: 3,
  past_due: 4,
  paused: 4,
  unpaid: 5,
  incomplete_expired: 9,
  canceled: 9,
};
const INVOICE_STATUS_RANK: Record<string, number> = { draft: 0, open: 1, uncollectible: 2, paid: 9, void: 9 };
const TYPE_RANK: Record<string, number> = {
  'customer.created': 0,
  'customer.updated': 1,
  'customer.deleted': 9,
  'checkout.session.completed': 0,
  'customer.subscription.created': 0,
  'customer.subscription.trial_will_end': 1,
  'customer.subscription.updated': 2,
  'customer.subscription.paused': 2,
  'customer.subscription.resumed': 2,
  'customer.subscription.deleted': 9,
  'invoice.finalized': 0,
  'invoice.payment_failed': 1,
  'invoice.paid': 2,
  'invoice.voided': 2,
};

/** A subscription status's place in its lifecycle, for ordering events of one second (`canceled` last). */
export function subscriptionStatusRank(status: string): number {
  return SUBSCRIPTION_STATUS_RANK[status] ?? 0;
}

export function sameSecondRank(type: string, status: string | undefined, statusRanks: Record<string, number>): number {
  return (status === undefined ? 0 : (statusRanks[status] ?? 0)) * 10 + (TYPE_RANK[type] ?? 0);
}

/** Whether what is stored is newer than this event (or is this event): then the record stays. */
function isStale(current: Watermark | undefined, next: Watermark): boolean {
  if (current === undefined) return false;
  if (current.eventId === next.eventId) return true;
  if (current.eventCreated !== next.eventCreated) return current.eventCreated > next.eventCreated;
  return current.eventRank > next.eventRank;
}

/** What one event does: the record it writes (if the event is newer than what is stored) and the domain events. */
export interface BillingPlan {
  target: { collection: BillingCollection; id: string };
  record?: Record<string, unknown> & Watermark & { tenantId: string };
  events: EventEnvelope[];
}

/**
 * The tenant an event's object names itself: the customer's or subscription's metadata under
 * `metadataKey` (default `tenant_id`), or a checkout's metadata or client reference.
 */
export function tenantFromObject(event: StripeEvent, metadataKey = 'tenant_id'): string | undefined {
  const object = event.data.object as {
    object: string;
    metadata?: Record<string, string>;
    client_reference_id?: string;
  };
  if (object.object === 'customer' || object.object === 'subscription')
    return object.metadata?.[metadataKey] || undefined;
  if (object.object === 'checkout.session')
    return object.metadata?.[metadataKey] || object.client_reference_id || undefined;
  return undefined;
}

/** The Stripe customer an event's object belongs to. */
export function customerOf(event: StripeEvent): string | undefined {
  const object = event.data.object as {
    object: string;
    id: string;
    customer?: string | { id: string } | null;
  };
  return object.object === 'customer' ? object.id : idOf(object.customer);
}

/**
 * What an event does to the tenant's billing records, given the record it targets as stored.
 * An event older than the record's watermark (Stripe delivers out of order) does not change the
 * record; it still announces the facts it carries (created, canceled, paid, failed, credited), never
 * a superseded update. A redelivered event (same id) is stopped by its claim before it gets here.
 * Throws (zod) when the object lacks what Backbone needs: a permanent failure.
 */
export function planEvent(
  event: StripeEvent,
  tenantId: string,
  current: Watermark | undefined,
  source: string,
): BillingPlan {
  const object = event.data.object as { object?: string; status?: string };
  const statusRanks =
    object.object === 'subscription'
      ? SUBSCRIPTION_STATUS_RANK
      : object.object === 'invoice'
        ? INVOICE_STATUS_RANK
        : {};
  const watermark: Watermark = {
    eventCreated: event.created,
    eventId: event.id,
    eventRank: sameSecondRank(event.type, typeof object.status === 'string' ? object.status : undefined, statusRanks),
  };
  const stale = isStale(current, watermark);
  const envelope = <T extends BillingEventType>(
    type: T,
    subject: string,
    data: Omit<z.input<(typeof billingEvents.events)[T]>, 'stripeEventId'>,
  ): EventEnvelope =>
    billingEvents.event(type, {
      id: `${type}:${event.id}`,
      source,
      time: new Date(event.created * 1000),
      subject,
      tenant: tenantId,
      data: { ...data, stripeEventId: event.id } as z.input<(typeof billingEvents.events)[T]>,
    });
  const base = { tenantId, ...watermark };

  switch (event.type) {
    case 'customer.created':
    case 'customer.updated':
    case 'customer.deleted': {
      const customer = CustomerSchema.parse(event.data.object);
      const target = { collection: BILLING_COLLECTIONS.customers, id: customer.id };
      if (stale) return { target, events: [] };
      return {
        target,
        record: { ...base, customerId: customer.id, deleted: event.type === 'customer.deleted' },
        events: [],
      };
    }
    case 'checkout.session.completed': {
      const session = CheckoutSessionSchema.parse(event.data.object);
      const customerId = idOf(session.customer);
      if (!customerId) throw new Error('checkout.session.completed without a customer');
      const target = { collection: BILLING_COLLECTIONS.customers, id: customerId };
      // A completed checkout starts the provisioning saga (a fact: announced even if stale).
      const subscriptionId = idOf(session.subscription) ?? null;
      const events = [
        envelope('billing.checkout_completed', subscriptionId ?? session.id, {
          checkoutSessionId: session.id,
          customerId,
          subscriptionId,
        }),
      ];
      if (stale) return { target, events };
      return {
        target,
        events,
        record: {
          ...base,
          customerId,
          deleted: false,
          checkoutSessionId: session.id,
          subscriptionId,
        },
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.trial_will_end':
    case 'customer.subscription.paused':
    case 'customer.subscription.resumed': {
      const sub = SubscriptionSchema.parse(event.data.object);
      const target = { collection: BILLING_COLLECTIONS.subscriptions, id: sub.id };
      const item = sub.items.data[0]!;
      const state = {
        subscriptionId: sub.id,
        customerId: idOf(sub.customer)!,
        status: sub.status,
        priceId: item.price.id,
        quantity: item.quantity ?? 1,
        currentPeriodEnd: item.current_period_end ?? null,
        trialEnd: sub.trial_end,
        cancelAtPeriodEnd: sub.cancel_at_period_end,
      };
      // Creation and cancellation are facts, announced even when a newer event already set the
      // record; an update older than the record is superseded and announces nothing.
      const events: EventEnvelope[] = [];
      if (event.type === 'customer.subscription.created') {
        events.push(envelope('billing.subscription_created', sub.id, state));
        if (sub.status === 'trialing') events.push(envelope('billing.trial_started', sub.id, state));
      } else if (event.type === 'customer.subscription.deleted') {
        events.push(envelope('billing.subscription_canceled', sub.id, state));
      } else if (event.type !== 'customer.subscription.trial_will_end' && !stale) {
        events.push(envelope('billing.subscription_updated', sub.id, state));
      }
      if (stale) return { target, events };
      return {
        target,
        record: { ...base, ...state },
        events,
      };
    }
    case 'invoice.finalized':
    case 'invoice.paid':
    case 'invoice.payment_failed':
    case 'invoice.voided': {
      const invoice = InvoiceSchema.parse(event.data.object);
      const target = { collection: BILLING_COLLECTIONS.invoices, id: invoice.id };
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription) ?? null;
      const state = {
        invoiceId: invoice.id,
        customerId: idOf(invoice.customer)!,
        subscriptionId,
        status: invoice.status,
        number: invoice.number,
        amountDue: invoice.amount_due,
        amountPaid: invoice.amount_paid,
        currency: invoice.currency,
        hostedInvoiceUrl: invoice.hosted_invoice_url,
        invoicePdf: invoice.invoice_pdf,
        created: invoice.created,
        paymentFailed: event.type === 'invoice.payment_failed',
      };
      const subject = subscriptionId ?? invoice.id;
      // A payment and a failed payment are facts: announced even when they arrive after newer state.
      const events =
        event.type === 'invoice.paid'
          ? [envelope('billing.invoice_paid', subject, state)]
          : event.type === 'invoice.payment_failed'
            ? [envelope('billing.payment_failed', subject, state)]
            : [];
      if (stale) return { target, events };
      return { target, record: { ...base, ...state }, events };
    }
    case 'credit_note.created': {
      const note = CreditNoteSchema.parse(event.data.object);
      const target = { collection: BILLING_COLLECTIONS.creditNotes, id: note.id };
      const state = {
        creditNoteId: note.id,
        customerId: idOf(note.customer)!,
        invoiceId: idOf(note.invoice)!,
        amount: note.amount,
        currency: note.currency,
        status: note.status,
        reason: note.reason,
      };
      const events = [envelope('billing.credit_note_issued', state.invoiceId, state)];
      return stale ? { target, events } : { target, record: { ...base, ...state }, events };
    }
    case 'charge.refunded': {
      const charge = ChargeSchema.parse(event.data.object);
      const target = { collection: BILLING_COLLECTIONS.refunds, id: charge.id };
      if (stale) return { target, events: [] };
      return {
        target,
        record: {
          ...base,
          chargeId: charge.id,
          customerId: idOf(charge.customer) ?? null,
          amount: charge.amount,
          amountRefunded: charge.amount_refunded,
          currency: charge.currency,
          refunded: charge.refunded,
        },
        events: [],
      };
    }
    default:
      throw new Error(`planEvent has no plan for ${event.type}`);
  }
}
