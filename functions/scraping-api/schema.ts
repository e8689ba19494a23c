import { SecurityConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const ScrapingApiConfigSchema = SecurityConfigSchema;

export const StartRunBodySchema = z
  .object({
    sourceId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
      .optional(),
  })
  .strict()
  .default({});
export const RunIdSchema = z.string().regex(/^[\w-]{1,128}$/, 'a run id');
export const SourcesQuerySchema = z
  .object({ status: z.enum(['never', 'ok', 'failing']).optional() })
  .strict();
