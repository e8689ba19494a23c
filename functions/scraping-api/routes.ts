import { defineRoutes, wireSchema } from '@backbone/shared/core';
import { KnowledgeSourceSchema, SOURCE_OUTCOMES } from '@backbone/shared/scraping';
import { z } from 'zod';
import { RunIdSchema, SourceBodySchema, SourceIdSchema, SourcesQuerySchema, StartRunBodySchema } from './schema';

// Dates travel as ISO 8601 strings.
const timestamp = z.iso.datetime();
const SourceOutSchema = wireSchema(KnowledgeSourceSchema).loose();
const OutcomeSchema = z.enum(SOURCE_OUTCOMES);
const access = ['user', 'service'] as const;

/** scraping-api's routes: Industry Managers and up change sources and start runs; auditors and up read. */
export const routes = defineRoutes({
  'POST /v1/scraping/runs': {
    summary: 'Starts a run over every due source, or over one (`sourceId`); 202 with its Location.',
    access,
    body: StartRunBodySchema,
    responses: { 202: z.object({ runId: z.string(), created: z.boolean(), published: z.number().int() }) },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/scraping/runs/:id': {
    summary: "A run's counts by outcome, its status and each source's outcome.",
    access,
    params: z.object({ id: RunIdSchema }),
    responses: {
      200: z.object({
        id: z.string(),
        trigger: z.enum(['schedule', 'operator']),
        requestedBy: z.string(),
        requestedAt: timestamp,
        total: z.number().int(),
        counts: z.record(OutcomeSchema, z.number().int()),
        status: z.enum(['running', 'finished']),
        finishedAt: timestamp.optional(),
        sources: z.array(
          z.object({
            sourceId: z.string(),
            outcome: OutcomeSchema,
            attempts: z.number().int(),
            reason: z.string().optional(),
            finishedAt: timestamp.optional(),
          }),
        ),
      }),
    },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/scraping/sources': {
    summary: 'The knowledge sources, optionally by fetch status.',
    access,
    query: SourcesQuerySchema,
    responses: { 200: z.object({ sources: z.array(SourceOutSchema) }) },
    errors: ['POLICY-001'],
  },
  'PUT /v1/scraping/sources/:id': {
    summary: 'Creates (201) or changes (200) a source; a new URL starts its fetch state over.',
    access,
    params: z.object({ id: SourceIdSchema }),
    body: SourceBodySchema,
    responses: { 200: SourceOutSchema, 201: SourceOutSchema },
    errors: ['POLICY-001'],
  },
});
