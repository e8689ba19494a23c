import { defineFunction } from '@backbone/shared/core';
import { approvalEvents } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'notifications',
  description:
    "Pushes each approval step (requested, escalated) to the registered devices of whoever holds the role asked, through Firebase Cloud Messaging (000#4): each device once per step, expiring with the approver's deadline (24 h at most), invalid and stale tokens pruned; unreachable devices retried by Pub/Sub with backoff, then dead-lettered.",
  trigger: { kind: 'pubsub', topic: approvalEvents, ordering: true, maxDeliveryAttempts: 10 },
  runtime: { memory: '256Mi', maxInstances: 10, concurrency: 10 },
  env: { PUSH_SENDER: { description: '`fcm` (deployed) or `log` (local runs without FCM).', default: 'fcm' } },
  touches: {
    collections: {
      read: ['devices', 'notification_sends'],
      write: ['devices', 'notification_sends', 'dead_letters', 'audit_intake'],
    },
    messaging: 'send',
  },
});
