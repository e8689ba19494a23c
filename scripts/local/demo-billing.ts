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

/**
 * The Stripe settings `npm start` gives the functions. Signing secrets from the environment are
 * kept and the local one appended (the Stripe CLI signs with its own: `stripe listen --print-secret`);
 * a test-mode key in `STRIPE_API_KEY` points the suite at Stripe's test API instead of the stand-in.
 */
export function localStripeEnv(
  env: { STRIPE_WEBHOOK_SECRETS?: string | undefined; STRIPE_API_KEY?: string | undefined },
  standIn: string,
): { STRIPE_API_KEY: string; STRIPE_WEBHOOK_SECRETS: string; STRIPE_API_ENDPOINT: string } {
  const given = (env.STRIPE_WEBHOOK_SECRETS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const secrets = [...new Set([...given, LOCAL_WEBHOOK_SECRET])].join(',');
  const key = env.STRIPE_API_KEY?.trim();
  if (key && !key.startsWith('sk_test_') && !key.startsWith('rk_test_'))
    throw new Error('npm start takes only a Stripe test-mode key (sk_test_… or rk_test_…) in STRIPE_API_KEY');
  if (key && key !== LOCAL_STRIPE_KEY)
    return { STRIPE_API_KEY: key, STRIPE_WEBHOOK_SECRETS: secrets, STRIPE_API_ENDPOINT: '' };
  return { STRIPE_API_KEY: LOCAL_STRIPE_KEY, STRIPE_WEBHOOK_SECRETS: secrets, STRIPE_API_ENDPOINT: standIn };
}
