import { BaseConfigSchema } from '@backbone/shared/core';
import { StripeConfigShape } from '@backbone/shared/billing/gcp';
import { healthEventTypes, IncidentEventSchema } from '@backbone/shared/health';

export const SlaCreditsConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const consumedEvents = { [healthEventTypes.incidentResolved]: IncidentEventSchema };
