import { DecisionRequestSchema, SecurityConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const PepConfigSchema = SecurityConfigSchema;

export const MAX_BATCH = 100;
export const DecideBatchSchema = z
  .object({ requests: z.array(DecisionRequestSchema).min(1).max(MAX_BATCH) })
  .strict();

/** A published policy set as stored (zod at the edge: a malformed document is refused, not loaded). */
export const PolicySetDocumentSchema = z.object({
  version: z.string().min(1).max(64),
  schema: z.string().min(1),
  files: z.record(z.string().regex(/^[\w.-]+\.cedar$/), z.string()),
});
