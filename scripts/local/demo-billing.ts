import { stripeFixtures } from '@backbone/shared/testing';

/** Local only: the webhook signing secret and the API key the demo suite uses. */
export const LOCAL_WEBHOOK_SECRET = 'whsec_local_backbone_demo';
export const LOCAL_STRIPE_KEY = 'sk_test_local_backbone_demo';

/** The demo tenants' Stripe customers, as the local Stripe stand-in answers them. */
export function demoStripeCustomers(): Record<string, unknown> {
  return Object.fromEntries(
    ['acme', 'globex', 'initech'].map((tenant) => [
      `GET /v1/customers/cus_${tenant}`,
      stripeFixtures.customer(`cus_${tenant}`, tenant),
    ]),
  );
}

/** The demo plan catalog (`PLAN_SERVICES` of tenant-subscriptions): the stand-in's prices. */
export const DEMO_PLAN_SERVICES = {
  price_growth: ['api-gateway', 'identity', 'agent-runtime', 'agent-registry', 'ai-explorer', 'analytics'],
  price_starter: ['api-gateway', 'identity', 'agent-runtime'],
};

/** The demo plan ladder (`PLAN_PRICES` of billing-api): starter < growth. */
export const DEMO_PLAN_PRICES = { price_starter: 1, price_growth: 2 };
