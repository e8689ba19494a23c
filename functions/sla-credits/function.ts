import { defineFunction } from '@backbone/shared/core';
import { healthEvents } from '@backbone/shared/health';
import { STRIPE_API_KEY_SECRET, STRIPE_MANIFEST_ENV } from '@backbone/shared/billing/gcp';

export default defineFunction({
  name: 'sla-credits',
  description:
    "Credits customers for downtime (000#18): on each resolved incident, adds its downtime to the month of every affected Stripe subscription and, when the month's uptime falls below an SLA tier, issues a Stripe credit note for the tier's share of the invoice, once per subscription, month and tier.",
  trigger: {
    kind: 'pubsub',
    topic: healthEvents,
    ordering: false,
    ackDeadlineSeconds: 120,
  },
  runtime: { timeoutSeconds: 120, maxInstances: 5, concurrency: 1 },
  env: STRIPE_MANIFEST_ENV,
  secrets: [STRIPE_API_KEY_SECRET],
  touches: {
    collections: {
      read: ['subscriptions', 'billing_subscriptions', 'billing_invoices'],
      write: ['sla_periods', 'dead_letters'],
    },
  },
});
