import { defineFunction } from '@backbone/shared/core';
import { tenantNotices } from '@backbone/shared/approvals';

export const BUDGET_WEBHOOK_SECRET = { env: 'BUDGET_WEBHOOK_SECRET', secret: 'budget-webhook-signing-secret' } as const;

export default defineFunction({
  name: 'budget-alerts',
  description:
    "Every 5 minutes: each tenant's month-to-date spend (from the run rollups) against its budget's thresholds (000#26); a threshold crossed alerts once per month, in the tenant's activity feed, to its billing admins' phones and mailboxes (`tenant-notices`) and, when the tenant asked, to its signed HTTPS webhook (retried for an hour).",
  trigger: {
    kind: 'schedule',
    cron: '*/5 * * * *',
    attemptDeadlineSeconds: 240,
    retryCount: 0,
  },
  runtime: { timeoutSeconds: 240 },
  env: {
    BUDGET_WEBHOOK_TIMEOUT_MS: { description: 'How long one webhook delivery may take.', default: '10000' },
  },
  secrets: [BUDGET_WEBHOOK_SECRET],
  touches: {
    collections: { read: ['budgets', 'run_rollups'], write: ['budgets', 'activity'] },
    publishes: [tenantNotices],
  },
});
