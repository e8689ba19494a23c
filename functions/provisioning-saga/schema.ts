import { BaseConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const ProvisioningSagaConfigSchema = BaseConfigSchema.extend({
  STRIPE_API_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret or restricted key'),
  STRIPE_API_ENDPOINT: z.union([z.literal(''), z.url()]).default(''),
});

export const CheckoutCompletedSchema = z.object({
  checkoutSessionId: z.string().startsWith('cs_'),
  customerId: z.string().startsWith('cus_'),
  subscriptionId: z.string().startsWith('sub_'),
});
export const consumedEvents = { 'billing.checkout_completed': CheckoutCompletedSchema };
export const PROVISIONING_TOPIC = 'agent-provisioning';
