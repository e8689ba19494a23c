import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const AuditSequencerConfigSchema = SecurityConfigSchema.extend({
  AUDIT_RUN_SECONDS: z.coerce.number().int().min(1).max(80).default(55),
  AUDIT_ROUND_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(1000),
  AUDIT_INTENT_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
});
