import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'audit-archiver',
  description:
    "Daily: audit records older than 30 days, up to the latest checkpoint, leave Firestore for the audit archive bucket (000#14) as sealed batches (newline-delimited JSON with their chain hashes and the covering checkpoint, written once); each batch is read back and verified before its tiles are removed. The bucket's lifecycle moves them to Nearline and Coldline and its retention keeps them 7 years.",
  trigger: {
    kind: 'schedule',
    cron: '40 2 * * *',
    attemptDeadlineSeconds: 600,
    retryCount: 3,
  },
  runtime: { memory: '512Mi', timeoutSeconds: 600 },
  touches: {
    collections: { read: ['audit_log', 'audit_chain'], write: ['audit_log', 'audit_chain', 'audit_intake'] },
    buckets: [
      { bucket: 'audit-archive', prefix: 'audit-batches/', access: 'write' },
      { bucket: 'audit-archive', prefix: 'audit-checkpoints/', access: 'read' },
    ],
  },
});
