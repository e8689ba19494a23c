import { refuseIfPii, SecurityConfigSchema, stringsIn } from '@backbone/shared/core';
import { CORPUS_KINDS } from '@backbone/shared/constitution';
import { EmbedderConfigShape } from '@backbone/shared/constitution/gcp';
import { z } from 'zod';

export const ConstitutionalQueryConfigSchema = SecurityConfigSchema.extend({
  ...EmbedderConfigShape,
  QUERY_L1_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  QUERY_L1_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  QUERY_L2_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});

export const QueryRequestSchema = z
  .object({
    question: z.string().trim().min(3).max(2000),
    topK: z.number().int().min(1).max(50).default(5),
    minScore: z.number().min(0).max(1).default(0),
    filters: z
      .object({
        kind: z.enum(CORPUS_KINDS).optional(),
        documentId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type QueryRequest = z.infer<typeof QueryRequestSchema>;

export const DocumentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
/** The constitution and precedents reach every tenant's agents: an upload holding PII is refused, naming what was found. */
export const DocumentUploadSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('constitution'), markdown: z.string().min(1).max(200_000) }).strict(),
    z.object({ kind: z.literal('precedent'), seed: z.unknown() }).strict(),
    z.object({ kind: z.literal('knowledge'), text: z.string().min(1).max(500_000) }).strict(),
  ])
  .superRefine((upload, ctx) => {
    if (upload.kind === 'constitution') refuseIfPii(upload.markdown, ctx, ['markdown']);
    if (upload.kind === 'precedent') refuseIfPii(stringsIn(upload.seed).join('\n'), ctx, ['seed']);
  });
