import { BaseConfigSchema } from '@backbone/shared/core';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { healthEvents, healthEventTypes } from '@backbone/shared/health';

export const SlaCreditsConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const consumedEvents = healthEvents.consume(healthEventTypes.incidentResolved);
