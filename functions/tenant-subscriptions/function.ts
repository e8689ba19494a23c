import { defineFunction } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';
import { tenantNotices } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'tenant-subscriptions',
  description:
    "Keeps each tenant's plan in step with billing (000#7, 000#16, 000#18): writes `subscriptions` (the platform services a Stripe subscription's plan includes, from the declared plan catalog) that incident tickets and SLA credits read, and ends the trial once the tenant pays; tells the tenant's billing admins (`tenant-notices`) that an invoice is ready or a credit (an SLA credit among them) was issued.",
  trigger: {
    kind: 'pubsub',
    topic: billingEvents,
    ordering: true,
    ackDeadlineSeconds: 60,
  },
  runtime: { maxInstances: 5 },
  env: {
    PLAN_SERVICES: {
      description:
        'The plan catalog: JSON object from Stripe price id to the platform service ids the plan includes. A price missing from it is dead-lettered, never silently given no services.',
      default: '{}',
    },
  },
  touches: {
    collections: { read: ['subscriptions', 'tenants'], write: ['subscriptions', 'tenants', 'dead_letters'] },
    publishes: [tenantNotices],
  },
});
