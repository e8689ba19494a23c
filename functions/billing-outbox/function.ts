import { defineFunction } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';

export default defineFunction({
  name: 'billing-outbox',
  description:
    'Publishes, every minute, the billing domain events a crash or a broker outage left in the outbox after their Stripe event was applied, so nothing waits for the next webhook (000#7).',
  trigger: {
    kind: 'schedule',
    cron: '* * * * *',
    timeZone: 'Etc/UTC',
    attemptDeadlineSeconds: 60,
    retryCount: 0,
  },
  runtime: { maxInstances: 1, concurrency: 1 },
  touches: {
    collections: { read: ['billing_outbox'], write: ['billing_outbox'] },
    publishes: [billingEvents],
  },
});
