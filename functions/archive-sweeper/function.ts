import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'archive-sweeper',
  description:
    "Every hour: archives past their 30 days (000#35) are deleted, and with an archive never restored the cancelled tenant's live workspaces too (GDPR), unless the tenant pays for a plan again; each deletion is audited with what it removed (objects, bytes, a digest of their names).",
  trigger: { kind: 'schedule', cron: '23 * * * *', attemptDeadlineSeconds: 600, retryCount: 0 },
  runtime: { timeoutSeconds: 600 },
  touches: {
    collections: { read: ['workspace_archives', 'subscriptions'], write: ['workspace_archives', 'audit_intake'] },
    buckets: [
      { bucket: 'agent-workspaces', prefix: 'tenants/', access: 'write' },
      { bucket: 'subscription-archives', prefix: 'tenants/', access: 'write' },
    ],
  },
});
