import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'audit-checkpoint',
  description:
    "Seals the audit chain's head every hour into the retention-locked audit archive bucket, after checking that the chain still matches the previous checkpoint (000#14, 000#21).",
  trigger: {
    kind: 'schedule',
    cron: '0 * * * *',
    attemptDeadlineSeconds: 60,
    retryCount: 3,
  },
  env: {
    BUCKET_AUDIT_ARCHIVE: {
      description: 'The audit archive bucket (set by the infrastructure from touches.buckets).',
    },
  },
  touches: {
    collections: { read: ['audit_log', 'audit_chain'], write: [] },
    buckets: [{ bucket: 'audit-archive', prefix: 'audit-checkpoints/', access: 'write' }],
  },
});
