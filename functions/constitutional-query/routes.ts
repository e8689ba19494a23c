import { defineRoutes } from '@backbone/shared/core';
import { CORPUS_KINDS } from '@backbone/shared/constitution';
import { z } from 'zod';
import { DocumentIdSchema, DocumentUploadSchema, QueryRequestSchema } from './schema';

const ResultSchema = z.object({
  clauseId: z.string(),
  text: z.string(),
  /** Cosine similarity, 1 = same direction. */
  score: z.number(),
  corpusVersion: z.number().int(),
  source: z.object({
    documentId: z.string(),
    kind: z.enum(CORPUS_KINDS),
    title: z.string(),
    precedent: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** constitutional-query's routes (README "Constitutional query"). */
export const routes = defineRoutes({
  'POST /v1/constitutional/query': {
    summary:
      'The clauses of the constitution and precedents nearest a question, with the corpus version and cache level.',
    access: ['user', 'client', 'service'],
    scope: 'constitution:query',
    body: QueryRequestSchema,
    responses: {
      200: z.object({
        results: z.array(ResultSchema),
        corpusVersion: z.number().int(),
        cache: z.enum(['L1', 'L2', 'miss']),
      }),
    },
  },
  'PUT /v1/constitutional/documents/:id': {
    summary:
      'Uploads a document (the constitution, precedents or knowledge) and moves the corpus version when it changed.',
    access: ['user', 'service'],
    params: z.object({ id: DocumentIdSchema }),
    body: DocumentUploadSchema,
    responses: {
      200: z.object({
        documentId: z.string(),
        kind: z.enum(CORPUS_KINDS),
        changed: z.boolean(),
        corpusVersion: z.number().int(),
        clauses: z.number().int(),
        removed: z.number().int(),
      }),
    },
    errors: ['POLICY-001', 'REQ-008'],
  },
});
