import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';
import { billingEvents } from '@backbone/shared/billing';
import { STRIPE_API_KEY_SECRET, STRIPE_EVENT_WRITES, STRIPE_MANIFEST_ENV } from '@backbone/shared/billing/gcp';

export default defineFunction({
  name: 'billing-api',
  description:
    "Billing reads and operations: a tenant's invoices with their hosted and PDF links (000#38), plan changes by a tenant's billing admins within the plan catalog, prorated by platform policy (000#29), the Stripe events dead-lettered by the webhook, and their replay (000#7).",
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  env: {
    ...STRIPE_MANIFEST_ENV,
    PLAN_PRICES: {
      description:
        'The plans tenants may move between: JSON object from Stripe price id to its rank (higher is a bigger plan). Upgrades apply now, invoiced at once; other moves at the period end. A price missing from it is refused.',
      default: '{}',
    },
  },
  secrets: [STRIPE_API_KEY_SECRET],
  touches: {
    collections: {
      read: ['billing_invoices', 'billing_dead_letters', 'policy_sets'],
      // Replaying a dead-lettered event applies it, as the webhook does.
      write: [...STRIPE_EVENT_WRITES, 'audit_intake'],
    },
    publishes: [billingEvents],
  },
});
