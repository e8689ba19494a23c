import { defineRoutes } from '@backbone/shared/core';
import { StepInputSchema } from '@backbone/shared/runlogs';
import { AgentIdSchema } from '@backbone/shared/agents';
import { TenantIdSchema } from '@backbone/shared/governance';
import { z } from 'zod';

export const MAX_STEPS = 100;

/** run-logs's routes: the agent runtime's step records (004§1.1, 004§1.2). */
const Params = z.object({
  tenant: TenantIdSchema,
  agent: AgentIdSchema,
  run: z.string().regex(/^[A-Za-z0-9][\w.:-]{0,127}$/, 'a run id'),
});

export const MAX_MODEL_CALLS = 200;

export const routes = defineRoutes({
  'GET /v1/tenants/:tenant/model-calls': {
    summary:
      "A tenant's model calls (one agent's with `agent`) that ended in [from, to) (default the last 24 hours), newest first, at most 200: each with its provider, model, sampling settings, tokens, finish reason, latency and cost (004§1.2); never what the step said.",
    access: ['user', 'service'],
    params: z.object({ tenant: TenantIdSchema }),
    query: z
      .object({
        agent: AgentIdSchema.optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        limit: z.coerce.number().int().min(1).max(MAX_MODEL_CALLS).default(50),
      })
      .strict(),
    responses: {
      200: z.object({
        tenant: z.string(),
        from: z.string(),
        to: z.string(),
        calls: z.array(
          z.object({
            runId: z.string(),
            agentId: z.string(),
            agentVersion: z.string(),
            step: z.number(),
            endedAt: z.string(),
            model: z.record(z.string(), z.unknown()),
          }),
        ),
      }),
    },
    errors: ['POLICY-001'],
  },
  'GET /v1/tenants/:tenant/agents/:agent/runs/:run/steps': {
    summary:
      "A run's steps, read under audit (000#21): metadata for whoever may view the agent, what the steps said only for the tenant's own users (000#52); every read leaves an access record.",
    access: 'user',
    params: Params,
    responses: {
      200: z.object({
        runId: z.string(),
        tenant: z.string(),
        agentId: z.string(),
        fields: z.array(z.string()),
        steps: z.array(z.record(z.string(), z.unknown())),
      }),
    },
    errors: ['POLICY-001', 'REQ-003'],
  },
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
