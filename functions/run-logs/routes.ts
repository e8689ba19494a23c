import { defineRoutes } from '@backbone/shared/core';
import { StepInputSchema } from '@backbone/shared/runlogs';
import { z } from 'zod';

export const MAX_STEPS = 100;

/** run-logs's routes: the agent runtime's step records (004§1.1, 004§1.2). */
export const routes = defineRoutes({
  'POST /v1/runs/steps:batch': {
    summary:
      'Records up to 100 steps of agent runs, masked before they are stored; once per (run, step), in any order. A model call without its metadata is a 400 naming what is missing.',
    access: 'service',
    body: z.object({ steps: z.array(StepInputSchema).min(1).max(MAX_STEPS) }).strict(),
    responses: {
      200: z.object({
        results: z.array(
          z.object({ runId: z.string(), step: z.number().int(), outcome: z.enum(['stored', 'duplicate', 'conflict']) }),
        ),
      }),
    },
  },
});
