import { defineRoutes } from '@backbone/shared/core';
import { StripeEventSchema } from '@backbone/shared/billing';
import { z } from 'zod';

/** stripe-webhook's one route: Stripe's deliveries, authenticated by their signature. */
export const routes = defineRoutes({
  'POST /v1/billing/stripe/webhook': {
    summary:
      'A Stripe event, signed (`Stripe-Signature`, verified against every active signing secret); 2xx once it needs no retry.',
    access: 'public',
    // Stripe is authenticated by its signature, and must never be throttled as an anonymous caller.
    metered: false,
    signedBody: StripeEventSchema,
    responses: {
      200: z.object({
        received: z.literal(true),
        outcome: z.enum(['applied', 'stale', 'duplicate', 'ignored', 'dead-lettered']),
      }),
    },
    errors: ['WEBHOOK-001', 'EVENT-001'],
  },
});
