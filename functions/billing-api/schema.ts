import { SecurityConfigSchema, StripeConfigShape } from '@backbone/shared';
import { z } from 'zod';

export const BillingApiConfigSchema = SecurityConfigSchema.extend({
  ...StripeConfigShape,
});

export const InvoicesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: z.string().min(1).max(200).optional(),
    /** Platform staff name the tenant; a tenant's own users and keys read their own. */
    tenant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .optional(),
  })
  .strict();
export const EventIdSchema = z.string().regex(/^evt_[A-Za-z0-9]{1,64}$/, 'a Stripe event id');
export const SubscriptionIdSchema = z.string().regex(/^sub_[A-Za-z0-9]{1,64}$/, 'a Stripe subscription id');
export const PlanChangeSchema = z
  .object({
    priceId: z.string().regex(/^price_[A-Za-z0-9_]{1,64}$/, 'a Stripe price id'),
    /** create_prorations: onto the next invoice; always_invoice: invoice the difference now; none. */
    proration: z.enum(['create_prorations', 'always_invoice', 'none']).default('create_prorations'),
    /** `now` (with the proration above) or `period_end` (a schedule: the new price from the next cycle). */
    effective: z.enum(['now', 'period_end']).default('now'),
  })
  .strict();
/** The caller's key for this change: a retried request (same key) is applied once by Stripe. */
export const IdempotencyKeySchema = z.string().regex(/^[\w-]{8,128}$/, '8-128 letters, digits, - or _');
export const DeadLettersQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
