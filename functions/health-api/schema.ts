import { SecurityConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const HealthApiConfigSchema = SecurityConfigSchema;

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_WINDOW_MS = 30 * UNIT_MS.d;

/** `?window=24h`: minutes, hours or days, up to 30 days. */
export const ServiceHistoryQuerySchema = z
  .object({
    window: z
      .string()
      .regex(/^[1-9]\d{0,4}[mhd]$/, 'a duration like 90m, 24h or 7d')
      .default('24h')
      .transform((w) => ({
        text: w,
        ms: Number(w.slice(0, -1)) * UNIT_MS[w.slice(-1) as keyof typeof UNIT_MS],
      }))
      .refine((w) => w.ms <= MAX_WINDOW_MS, 'at most 30d'),
  })
  .strict();

export const ServiceIdParamSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a service id'),
});
export const NoQuerySchema = z.object({}).strict();
