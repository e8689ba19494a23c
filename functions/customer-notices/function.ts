import { defineFunction } from '@backbone/shared/core';
import { DELIVERY_ENV, DELIVERY_SECRETS, tenantNotices } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'customer-notices',
  description:
    "Tells a tenant's people what happened to their account (000#18, 000#38): an incident touching their plan (to tenant admins), a budget threshold crossed, an invoice ready, a credit issued (to billing admins), on their registered devices through Firebase Cloud Messaging and by e-mail (SendGrid) as each chose, in their language, never to another tenant's people; each device once per notice, expiring after 24 hours; unreachable devices retried by Pub/Sub with backoff, then dead-lettered.",
  trigger: { kind: 'pubsub', topic: tenantNotices },
  env: DELIVERY_ENV,
  secrets: DELIVERY_SECRETS,
  touches: {
    collections: {
      read: ['devices', 'notification_sends', 'notification_prefs'],
      write: ['devices', 'notification_sends', 'dead_letters'],
    },
    messaging: 'send',
  },
});
