import { defineFunction, STRIPE_API_KEY_SECRET, STRIPE_MANIFEST_ENV } from '@backbone/shared';

export default defineFunction({
  name: 'billing-api',
  description:
    "Billing reads and operations: a tenant's invoices with their hosted and PDF links (000#38), plan changes with Stripe's proration (000#29), the Stripe events dead-lettered by the webhook, and their replay (000#7).",
  trigger: {
    kind: 'http',
    routes: [
      { method: 'GET', path: '/v1/billing/invoices', access: ['user', 'client'] },
      { method: 'GET', path: '/v1/billing/dead-letters', access: ['user', 'service'] },
      { method: 'POST', path: '/v1/billing/dead-letters/:eventId/replay', access: ['user', 'service'] },
      { method: 'POST', path: '/v1/billing/subscriptions/:id/plan-change/preview', access: 'user' },
      { method: 'POST', path: '/v1/billing/subscriptions/:id/plan-change', access: 'user' },
    ],
  },
  runtime: {
    memory: '512Mi',
    cpu: 1,
    timeoutSeconds: 30,
    minInstances: 0,
    maxInstances: 10,
    concurrency: 80,
  },
  env: {
    ...STRIPE_MANIFEST_ENV,
  },
  secrets: [STRIPE_API_KEY_SECRET],
  touches: {
    collections: {
      read: ['billing_invoices', 'billing_dead_letters', 'policy_sets'],
      write: [
        'stripe_events',
        'billing_dead_letters',
        'billing_customers',
        'billing_subscriptions',
        'billing_invoices',
        'billing_credit_notes',
        'billing_refunds',
        'billing_outbox',
        'audit_log',
        'audit_chain',
      ],
    },
    publishes: ['billing-events'],
  },
});
