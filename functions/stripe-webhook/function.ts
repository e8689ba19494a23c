import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';
import { billingEvents } from '@backbone/shared/billing';
import { STRIPE_API_KEY_SECRET, STRIPE_EVENT_WRITES, STRIPE_MANIFEST_ENV } from '@backbone/shared/billing/gcp';

export default defineFunction({
  name: 'stripe-webhook',
  description:
    "Receives Stripe's webhooks (000#7): verifies the signature against every active signing secret, applies each event exactly once to the tenant's billing records with per-object watermarks, publishes billing domain events (000#3, 000#57), dead-letters what can never apply.",
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { memory: '512Mi', timeoutSeconds: 30, minInstances: 1, maxInstances: 20 },
  env: {
    STRIPE_WEBHOOK_SECRETS: {
      description: 'Local fallback: comma-separated signing secrets (whsec_...).',
      default: '',
    },
    ...STRIPE_MANIFEST_ENV,
  },
  secrets: [
    STRIPE_API_KEY_SECRET,
    { env: 'STRIPE_WEBHOOK_SECRET_NAME', secret: 'stripe-webhook-secret', versions: 'all-enabled' },
  ],
  touches: {
    collections: {
      read: ['billing_customers', 'billing_subscriptions', 'billing_invoices'],
      write: STRIPE_EVENT_WRITES,
    },
    publishes: [billingEvents],
  },
});
