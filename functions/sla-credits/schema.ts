import { BaseConfigSchema, healthEventTypes, IncidentEventSchema } from '@backbone/shared';
import { z } from 'zod';

export const SlaCreditsConfigSchema = BaseConfigSchema.extend({
  STRIPE_API_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret or restricted key'),
  STRIPE_API_ENDPOINT: z.union([z.literal(''), z.url()]).default(''),
});

export const consumedEvents = { [healthEventTypes.incidentResolved]: IncidentEventSchema };
