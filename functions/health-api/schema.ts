import { SecurityConfigSchema } from '@backbone/shared/core';
import { ServiceDefinitionSchema } from '@backbone/shared/health';
import { z } from 'zod';

export const HealthApiConfigSchema = SecurityConfigSchema;

/**
 * `?window=24h`: one of a few windows, at most 7 days. The route is public: a free-form or long
 * window would let anyone make each request read tens of thousands of samples, and defeat the
 * answer cache (one entry per service and window).
 */
export const HISTORY_WINDOWS = {
  '15m': 900_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '24h': 86_400_000,
  '7d': 604_800_000,
} as const;
export const ServiceHistoryQuerySchema = z
  .object({
    window: z
      .enum(Object.keys(HISTORY_WINDOWS) as [keyof typeof HISTORY_WINDOWS, ...(keyof typeof HISTORY_WINDOWS)[]])
      .default('24h')
      .transform((w) => ({ text: w, ms: HISTORY_WINDOWS[w] })),
  })
  .strict();

export const ServiceIdParamSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a service id'),
});
export const NoQuerySchema = z.object({}).strict();

/** An admin's registration of a service: its definition, the id taken from the path. */
export const ServiceRegistrationSchema = ServiceDefinitionSchema.omit({ id: true }).strict();
