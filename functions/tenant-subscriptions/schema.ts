import { BaseConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

/** Stripe price id -> the platform service ids (health registry ids) its plan includes. */
export const PlanCatalogSchema = z.record(
  z.string().regex(/^price_[A-Za-z0-9]{1,100}$/),
  z.array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)).min(1),
);
export type PlanCatalog = z.infer<typeof PlanCatalogSchema>;

export const TenantSubscriptionsConfigSchema = BaseConfigSchema.extend({
  PLAN_SERVICES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(PlanCatalogSchema),
});

// Ids become Firestore document ids: Stripe's shape only, never a path (`sub_x/../y`).
const stripeId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,200}$`));
const SubscriptionStateSchema = z.object({
  subscriptionId: stripeId('sub'),
  status: z.string().regex(/^[a-z_]{1,40}$/),
  priceId: stripeId('price'),
  trialEnd: z.number().int().nullable(),
});
const InvoicePaidSchema = z.object({
  invoiceId: stripeId('in'),
  subscriptionId: stripeId('sub').nullable(),
  amountPaid: z.number().int().min(0),
});
export type SubscriptionState = z.infer<typeof SubscriptionStateSchema>;

export const consumedEvents = {
  'billing.subscription_created': SubscriptionStateSchema,
  'billing.subscription_updated': SubscriptionStateSchema,
  'billing.subscription_canceled': SubscriptionStateSchema,
  'billing.invoice_paid': InvoicePaidSchema,
};
