import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const HealthAggregatorConfigSchema = SecurityConfigSchema.extend({
  HEALTH_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  HEALTH_DOWN_AFTER: z.coerce.number().int().min(1).max(20).default(3),
  HEALTH_DEGRADED_AFTER: z.coerce.number().int().min(1).max(20).default(2),
  HEALTH_RECOVER_AFTER: z.coerce.number().int().min(1).max(20).default(2),
  HEALTH_SAMPLE_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(7),
});
export type HealthAggregatorConfig = z.infer<typeof HealthAggregatorConfigSchema>;
