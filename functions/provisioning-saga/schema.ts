import { BaseConfigSchema } from '@backbone/shared/core';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { z } from 'zod';

export const ProvisioningSagaConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const CheckoutCompletedSchema = z.object({
  checkoutSessionId: z.string().startsWith('cs_'),
  customerId: z.string().startsWith('cus_'),
  subscriptionId: z.string().startsWith('sub_'),
});
export const consumedEvents = { 'billing.checkout_completed': CheckoutCompletedSchema };
export const PROVISIONING_TOPIC = 'agent-provisioning';
