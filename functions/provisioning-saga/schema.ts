import { BaseConfigSchema } from '@backbone/shared/core';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { billingEvents } from '@backbone/shared/billing';

export const ProvisioningSagaConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const consumedEvents = billingEvents.consume('billing.checkout_completed');
