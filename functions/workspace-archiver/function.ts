import { defineFunction } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';
import { tenantNotices } from '@backbone/shared/approvals';
import { ARCHIVE_ENV } from '@backbone/shared/workspaces';

export default defineFunction({
  name: 'workspace-archiver',
  description:
    "When a subscription is cancelled (000#35) and the tenant has no other active plan: packs all its agents' workspaces as one tar.gz, encrypted with AES-256-GCM under a fresh data key wrapped by Cloud KMS, with a manifest of every file's size and SHA-256, into `subscription-archives` for 30 days; records it, audits it and tells the tenant's admins (`tenant-notices`). Once per subscription, whatever the redeliveries.",
  trigger: { kind: 'pubsub', topic: billingEvents, ordering: true, ackDeadlineSeconds: 600 },
  runtime: { memory: '512Mi', timeoutSeconds: 540, maxInstances: 5, concurrency: 1 },
  env: { ...ARCHIVE_ENV },
  touches: {
    collections: {
      read: ['subscriptions', 'workspace_archives'],
      write: ['workspace_archives', 'dead_letters', 'audit_intake'],
    },
    publishes: [tenantNotices],
    buckets: [
      { bucket: 'agent-workspaces', prefix: 'tenants/', access: 'read' },
      { bucket: 'subscription-archives', prefix: 'tenants/', access: 'write' },
    ],
    keys: [{ key: 'archive-keys', access: 'encrypt' }],
  },
});
