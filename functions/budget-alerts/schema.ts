import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const BudgetAlertsConfigSchema = SecurityConfigSchema.extend({
  /** Signs the alerts sent to tenants' webhooks (Secret Manager `budget-webhook-signing-secret`). */
  BUDGET_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters'),
  BUDGET_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
});
