import { defineRoutes } from '@backbone/shared/core';
import { TenantIdSchema } from '@backbone/shared/governance';
import { ACTIVITY_TYPES } from '@backbone/shared/runlogs';
import { z } from 'zod';

export const PAGE_SIZE = 50;
const Cursor = z.string().min(1).max(800);

const Item = z.object({
  id: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  at: z.string(),
  agentId: z.string().optional(),
  runId: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  cursor: z.string(),
});

/** activity-feed's routes: a tenant's activity, in pages and live (000#25, 000#22). */
export const routes = defineRoutes({
  'GET /v1/activity': {
    summary:
      "A tenant's activity (runs started and ended, budget alerts), newest first, 50 a page: `nextCursor` gives the next page, stable however many items arrive meanwhile.",
    access: 'user',
    query: z
      .object({
        tenant: TenantIdSchema.optional(),
        cursor: Cursor.optional(),
        limit: z.coerce.number().int().min(1).max(PAGE_SIZE).default(PAGE_SIZE),
      })
      .strict(),
    responses: { 200: z.object({ tenant: z.string(), items: z.array(Item), nextCursor: z.string().nullable() }) },
    errors: ['POLICY-001'],
  },
  'GET /v1/stream/activity': {
    summary:
      "The tenant's activity as Server-Sent Events, as it is committed: each event's id resumes the stream (`Last-Event-ID`), a heartbeat comment every 15 s, and the connection ends before Cloud Run's request timeout (the client reconnects with its last id).",
    access: 'user',
    query: z.object({ tenant: TenantIdSchema.optional() }).strict(),
    headers: z.object({ 'last-event-id': Cursor.optional() }),
    responses: { 200: z.string() },
    contentType: 'text/event-stream',
    errors: ['POLICY-001'],
  },
});
