import { jsonEnv, SecurityConfigSchema } from '@backbone/shared/core';
import { TenantIdSchema } from '@backbone/shared/governance';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { z } from 'zod';

/** The plans a tenant may move between: Stripe price id -> rank (higher is a bigger plan). */
export const PlanRanksSchema = z.record(
  z.string().regex(/^price_[A-Za-z0-9_]{1,64}$/),
  z.number().int().min(0).max(1000),
);

export const BillingApiConfigSchema = SecurityConfigSchema.extend({
  ...StripeConfigShape,
  PLAN_PRICES: jsonEnv(PlanRanksSchema),
});

export const InvoicesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: z.string().min(1).max(200).optional(),
    /** Platform staff name the tenant; a tenant's own users and keys read their own. */
    tenant: TenantIdSchema.optional(),
  })
  .strict();
export const EventIdSchema = z.string().regex(/^evt_[A-Za-z0-9]{1,64}$/, 'a Stripe event id');
export const SubscriptionIdSchema = z.string().regex(/^sub_[A-Za-z0-9]{1,64}$/, 'a Stripe subscription id');
/** Only the target price: when it applies and how it is prorated is the platform's policy (plan-policy.ts). */
export const PlanChangeSchema = z
  .object({ priceId: z.string().regex(/^price_[A-Za-z0-9_]{1,64}$/, 'a Stripe price id') })
  .strict();
/** The caller's key for this change: a retried request (same key) is applied once by Stripe. */
export const IdempotencyKeySchema = z.string().regex(/^[\w-]{8,128}$/, '8-128 letters, digits, - or _');
export const DeadLettersQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
