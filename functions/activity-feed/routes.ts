import { defineRoutes } from '@backbone/shared/core';
import { z } from 'zod';

/** activity-feed's routes: the manifest, the handler's validation and openapi/activity-feed.json read them. */
export const routes = defineRoutes({
  'GET /v1/activity-feed/status': {
    summary: 'TODO: what this route answers.',
    access: 'user',
    responses: { 200: z.object({ service: z.string(), caller: z.string() }) },
  },
});
