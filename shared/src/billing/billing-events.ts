import { z } from 'zod';
import { defineTopic } from '../core/events/topic';
import { InvoiceStatusSchema, stripeId, SubscriptionStatusSchema } from './stripe-objects';

// The billing domain's events, as the webhook publishes them (shared/src/billing/plan-event.ts);
// every field is here, so a consumer's schema is a subset, never a guess.
const withEvent = { stripeEventId: stripeId('evt_') };
const SubscriptionEventSchema = z.object({
  subscriptionId: stripeId('sub_'),
  customerId: stripeId('cus_'),
  status: SubscriptionStatusSchema,
  priceId: stripeId('price_'),
  quantity: z.number().int().min(0),
  currentPeriodEnd: z.number().int().nullable(),
  trialEnd: z.number().int().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  ...withEvent,
});
const InvoiceEventSchema = z.object({
  invoiceId: stripeId('in_'),
  customerId: stripeId('cus_'),
  subscriptionId: stripeId('sub_').nullable(),
  status: InvoiceStatusSchema,
  number: z.string().nullable(),
  amountDue: z.number().int(),
  amountPaid: z.number().int().min(0),
  currency: z.string().length(3),
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
  created: z.number().int(),
  paymentFailed: z.boolean(),
  ...withEvent,
});
/** A completed checkout; `subscriptionId` is null for a one-time payment (nothing to provision). */
const CheckoutCompletedSchema = z.object({
  checkoutSessionId: stripeId('cs_'),
  customerId: stripeId('cus_'),
  subscriptionId: stripeId('sub_').nullable(),
  ...withEvent,
});
const CreditNoteIssuedSchema = z.object({
  creditNoteId: stripeId('cn_'),
  customerId: stripeId('cus_'),
  invoiceId: stripeId('in_'),
  amount: z.number().int(),
  currency: z.string().length(3),
  status: z.enum(['issued', 'void']),
  reason: z.string().nullable(),
  ...withEvent,
});
export type SubscriptionEvent = z.infer<typeof SubscriptionEventSchema>;
export type InvoiceEvent = z.infer<typeof InvoiceEventSchema>;
export type CheckoutCompleted = z.infer<typeof CheckoutCompletedSchema>;

/** `billing-events`: what Stripe told us, once per fact, ordered per subscription (or invoice). */
export const billingEvents = defineTopic('billing-events', {
  ordered: true,
  events: {
    'billing.checkout_completed': CheckoutCompletedSchema,
    'billing.subscription_created': SubscriptionEventSchema,
    'billing.trial_started': SubscriptionEventSchema,
    'billing.subscription_updated': SubscriptionEventSchema,
    'billing.subscription_canceled': SubscriptionEventSchema,
    'billing.invoice_paid': InvoiceEventSchema,
    'billing.payment_failed': InvoiceEventSchema,
    'billing.credit_note_issued': CreditNoteIssuedSchema,
  },
});
export type BillingEventType = keyof typeof billingEvents.events;

const ProvisioningSchema = z.object({
  tenantId: z.string().min(1),
  subscriptionId: stripeId('sub_'),
  sagaId: z.string().min(1),
});

/** `agent-provisioning`: the saga's requests to Genesis, ordered per tenant. */
export const provisioningEvents = defineTopic('agent-provisioning', {
  ordered: true,
  events: { 'provisioning.requested': ProvisioningSchema, 'provisioning.cancelled': ProvisioningSchema },
});
