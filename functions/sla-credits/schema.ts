import { BaseConfigSchema, healthEventTypes, IncidentEventSchema, StripeConfigShape } from '@backbone/shared';

export const SlaCreditsConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const consumedEvents = { [healthEventTypes.incidentResolved]: IncidentEventSchema };
