import { defineFunction } from '@backbone/shared/core';
import { healthEvents } from '@backbone/shared/health';
import { tenantNotices } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'incident-tickets',
  description:
    'On health incident events, opens a Customer Portal ticket for every tenant whose active subscription uses an affected service, and resolves them with the incident (000#16); tells the admins of each such tenant (`tenant-notices`) when it opens and when it is resolved.',
  trigger: {
    kind: 'pubsub',
    topic: healthEvents,
    ordering: true,
    minBackoffSeconds: 10,
    maxBackoffSeconds: 600,
  },
  touches: {
    collections: {
      read: ['subscriptions', 'tickets', 'idempotency'],
      write: ['tickets', 'idempotency', 'dead_letters'],
    },
    publishes: [tenantNotices],
  },
});
