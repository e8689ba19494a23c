import { BaseConfigSchema, healthEventTypes, IncidentEventSchema, StripeConfigShape } from '@backbone/shared';
import { z } from 'zod';

export const SlaCreditsConfigSchema = BaseConfigSchema.extend({
  ...StripeConfigShape,
});

export const consumedEvents = { [healthEventTypes.incidentResolved]: IncidentEventSchema };
