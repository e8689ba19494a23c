import { jsonEnv, BaseConfigSchema } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';
import { z } from 'zod';

/** Stripe price id -> the platform service ids (health registry ids) its plan includes. */
export const PlanCatalogSchema = z.record(
  z.string().regex(/^price_[A-Za-z0-9]{1,100}$/),
  z.array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)).min(1),
);
export type PlanCatalog = z.infer<typeof PlanCatalogSchema>;

export const TenantSubscriptionsConfigSchema = BaseConfigSchema.extend({
  PLAN_SERVICES: jsonEnv(PlanCatalogSchema),
});

export const consumedEvents = billingEvents.consume(
  'billing.subscription_created',
  'billing.subscription_updated',
  'billing.subscription_canceled',
  'billing.invoice_paid',
  'billing.credit_note_issued',
);
