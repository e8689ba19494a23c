import { commaList, SecurityConfigSchema } from '@backbone/shared/core';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { z } from 'zod';

export const StripeWebhookConfigSchema = SecurityConfigSchema.extend({
  ...StripeConfigShape,
  STRIPE_WEBHOOK_SECRET_NAME: z.string().default(''),
  STRIPE_WEBHOOK_SECRETS: commaList,
}).refine((c) => c.STRIPE_WEBHOOK_SECRET_NAME || c.STRIPE_WEBHOOK_SECRETS.length > 0, {
  message: 'set STRIPE_WEBHOOK_SECRET_NAME (Secret Manager) or STRIPE_WEBHOOK_SECRETS',
  path: ['STRIPE_WEBHOOK_SECRET_NAME'],
});
