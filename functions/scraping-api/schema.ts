import { piiFreeUrl, SecurityConfigSchema } from '@backbone/shared/core';
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
export const SourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');
/** What an operator sets on a source; its fetch state (hash, validators, status) is the worker's. */
export const SourceBodySchema = z
  .object({
    url: piiFreeUrl(z.url({ protocol: /^https?$/ }).max(2048)),
    industry: z.string().min(1).max(64),
    schedule: z.enum(['daily', 'weekly']).default('daily'),
    enabled: z.boolean().default(true),
    parserHints: z
      .object({ language: z.string().max(16).optional() })
      .strict()
      .default({}),
  })
  .strict();
export const RunIdSchema = z.string().regex(/^[\w-]{1,128}$/, 'a run id');
export const SourcesQuerySchema = z.object({ status: z.enum(['never', 'ok', 'failing']).optional() }).strict();
