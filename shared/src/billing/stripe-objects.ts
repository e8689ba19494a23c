import { z } from 'zod';

/**
 * The parts of Stripe's objects Backbone reads (API version pinned in the client: 2026-10-28.endive).
 * Unknown fields pass through; a missing field Backbone needs makes the event permanently invalid.
 */
/**
 * Stripe's ids: a prefix, then letters, digits and underscores. They become Firestore document ids,
 * so nothing else passes (no `/`, `..`, NUL, nor anything near Firestore's 1,500-byte key limit).
 */
export const stripeIdPattern = (prefix: string) => new RegExp(`^${prefix}[A-Za-z0-9_]{1,250}$`);
export const stripeId = (prefix: string) => z.string().regex(stripeIdPattern(prefix), `a Stripe id (${prefix}...)`);
const expandable = (prefix: string) => z.union([stripeId(prefix), z.object({ id: stripeId(prefix) }).passthrough()]);
export const idOf = (value: string | { id: string } | null | undefined): string | undefined =>
  value == null ? undefined : typeof value === 'string' ? value : value.id;

const metadata = z.record(z.string(), z.string()).default({});

export const CustomerSchema = z
  .object({ id: stripeId('cus_'), object: z.literal('customer'), metadata, deleted: z.boolean().optional() })
  .passthrough();

/** A subscription's lifecycle, as Stripe names it. */
export const SubscriptionStatusSchema = z.enum([
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
]);
/** An invoice's status (null before it is finalized). */
export const InvoiceStatusSchema = z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).nullable();

export const SubscriptionSchema = z
  .object({
    id: stripeId('sub_'),
    object: z.literal('subscription'),
    customer: expandable('cus_'),
    status: SubscriptionStatusSchema,
    cancel_at_period_end: z.boolean().default(false),
    trial_end: z.number().int().nullable().default(null),
    items: z.object({
      data: z
        .array(
          z
            .object({
              price: z.object({ id: stripeId('price_') }).passthrough(),
              quantity: z.number().int().optional(),
              current_period_end: z.number().int().optional(),
            })
            .passthrough(),
        )
        .min(1),
    }),
    metadata,
  })
  .passthrough();

export const InvoiceSchema = z
  .object({
    id: stripeId('in_'),
    object: z.literal('invoice'),
    customer: expandable('cus_'),
    status: InvoiceStatusSchema,
    number: z.string().nullable().default(null),
    amount_due: z.number().int(),
    amount_paid: z.number().int(),
    currency: z.string().length(3),
    hosted_invoice_url: z.string().nullable().default(null),
    invoice_pdf: z.string().nullable().default(null),
    created: z.number().int(),
    // Since 2025-03-31 the subscription is under parent.subscription_details.
    parent: z
      .object({
        subscription_details: z
          .object({ subscription: expandable('sub_') })
          .passthrough()
          .nullable()
          .optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

export const CreditNoteSchema = z
  .object({
    id: stripeId('cn_'),
    object: z.literal('credit_note'),
    customer: expandable('cus_'),
    invoice: expandable('in_'),
    amount: z.number().int(),
    currency: z.string().length(3),
    status: z.enum(['issued', 'void']),
    reason: z.string().nullable().default(null),
  })
  .passthrough();

export const ChargeSchema = z
  .object({
    id: stripeId('ch_'),
    object: z.literal('charge'),
    customer: expandable('cus_').nullable(),
    amount: z.number().int(),
    amount_refunded: z.number().int(),
    currency: z.string().length(3),
    refunded: z.boolean(),
  })
  .passthrough();

export const CheckoutSessionSchema = z
  .object({
    id: stripeId('cs_'),
    object: z.literal('checkout.session'),
    customer: expandable('cus_').nullable(),
    subscription: expandable('sub_').nullable().default(null),
    client_reference_id: z.string().nullable().default(null),
    metadata,
    status: z.string().nullable().optional(),
  })
  .passthrough();

export const StripeEventSchema = z
  .object({
    id: stripeId('evt_'),
    object: z.literal('event'),
    type: z.string().min(1),
    created: z.number().int(),
    livemode: z.boolean(),
    data: z.object({ object: z.object({ id: z.string(), object: z.string() }).passthrough() }),
  })
  .passthrough();
export type StripeEvent = z.infer<typeof StripeEventSchema>;

/** The event types Backbone applies; others are recorded and acknowledged. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.voided',
  'credit_note.created',
  'charge.refunded',
] as const;
