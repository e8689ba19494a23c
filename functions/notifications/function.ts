import { defineFunction } from '@backbone/shared/core';
import { approvalEvents, DELIVERY_ENV, DELIVERY_SECRETS } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'notifications',
  description:
    "Pushes each approval step (requested, escalated) to the registered devices of whoever holds the role asked, through Firebase Cloud Messaging and, to those who asked, by e-mail (SendGrid), in their language (000#4): each device once per step, expiring with the approver's deadline (24 h at most), invalid and stale tokens pruned; unreachable devices retried by Pub/Sub with backoff, then dead-lettered.",
  trigger: { kind: 'pubsub', topic: approvalEvents, ordering: true },
  env: DELIVERY_ENV,
  secrets: DELIVERY_SECRETS,
  touches: {
    collections: {
      read: ['devices', 'notification_sends', 'notification_prefs'],
      write: ['devices', 'notification_sends', 'dead_letters', 'audit_intake'],
    },
    messaging: 'send',
  },
});
