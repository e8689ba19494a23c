import type Stripe from 'stripe';
import { createHttpHandler, InvalidEventError, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { handleStripeEvent, type BillingDeps, type WebhookSecrets } from '@backbone/shared/billing';
import { routes } from './routes';
import { verifyStripeSignature } from './verify-signature';

/**
 * Stripe's deliveries. 2xx: applied, a duplicate, an ignored type or a dead-lettered event (none
 * of those improves with a retry); 400: the signature does not verify (nothing written), or the
 * signed payload is not a Stripe event (recorded as a dead letter); 5xx: a
 * transient failure, which Stripe retries for up to three days.
 */
export type WebhookDeps = BillingDeps & { stripe: Stripe; secrets: WebhookSecrets; logger: Logger };

export function makeHandler(deps: WebhookDeps, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
      'POST /v1/billing/stripe/webhook': async (ctx) => {
        const event = await verifyStripeSignature(
          deps.stripe,
          deps.secrets,
          ctx.rawBody,
          ctx.headers['stripe-signature'],
        );
        const outcome = await handleStripeEvent(deps, event, ctx.log);
        if (outcome === 'rejected')
          throw new InvalidEventError('The signed payload is not a Stripe event; it was recorded as a dead letter.');
        return respond.json({ received: true, outcome });
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 512 * 1024,
    ...security,
  });
}
