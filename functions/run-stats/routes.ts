import { defineRoutes } from '@backbone/shared/core';
import { AgentIdSchema } from '@backbone/shared/agents';
import { TenantIdSchema } from '@backbone/shared/governance';
import { BudgetSchema } from '@backbone/shared/runlogs';
import { z } from 'zod';

const Day = z.iso.date();
const Period = { from: Day.optional(), to: Day.optional() };
const Counters = {
  invocations: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  steps: z.number(),
  modelCalls: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costMicros: z.number(),
  decisions: z.number(),
  denials: z.number(),
};
const Stats = z.object({
  ...Counters,
  successRate: z.number().nullable(),
  errorRate: z.number().nullable(),
  denialRate: z.number().nullable(),
  complianceScore: z.number().nullable(),
  healthScore: z.number().nullable(),
});
const TenantParams = z.object({ tenant: TenantIdSchema });
const BudgetView = BudgetSchema.extend({
  period: z.string(),
  spentMicros: z.number(),
  alerts: z.array(z.object({ threshold: z.number(), spentMicros: z.number(), delivery: z.string() })),
});

/** run-stats's routes: what agents did and cost, read from the rollups (004§2.2, 000#26, 000#39, 000#50). */
export const routes = defineRoutes({
  'GET /v1/stats': {
    summary:
      "A tenant's (or one agent's) run stats over a period of UTC days (default the last 30): invocations, outcomes, tokens, cost, PEP decisions and denials, and the compliance and health scores computed from them (README: Run stats).",
    access: ['user', 'service'],
    query: z.object({ tenant: TenantIdSchema.optional(), agent: AgentIdSchema.optional(), ...Period }).strict(),
    responses: {
      200: z.object({
        tenant: z.string(),
        agentId: z.string().optional(),
        from: z.string(),
        to: z.string(),
        stats: Stats,
      }),
    },
    errors: ['POLICY-001'],
  },
  'GET /v1/tenants/:tenant/agents/:agent/health': {
    summary:
      "An agent's health score over the peer benchmark's period (the last 7 days) and the percentile it sits at among agents of its specialty (000#39).",
    access: ['user', 'service'],
    params: TenantParams.extend({ agent: AgentIdSchema }),
    responses: {
      200: z.object({
        tenant: z.string(),
        agentId: z.string(),
        specialty: z.string(),
        from: z.string(),
        to: z.string(),
        healthScore: z.number().nullable(),
        stats: Stats,
        peers: z.object({
          agents: z.number(),
          percentile: z.number().nullable(),
          median: z.number().nullable(),
          computedAt: z.string().nullable(),
        }),
      }),
    },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/tenants/:tenant/costs': {
    summary:
      "Costs attributed per agent and model over a period (000#50), from the model calls' metadata; `format=ndjson` answers one row per day, agent and model in the BigQuery export format (docs/bigquery/cost_attribution.schema.json).",
    access: ['user', 'service'],
    params: TenantParams,
    query: z.object({ ...Period, format: z.enum(['json', 'ndjson']).default('json') }).strict(),
    responses: {
      200: z.object({
        tenant: z.string(),
        from: z.string(),
        to: z.string(),
        currency: z.literal('USD'),
        costMicros: z.number(),
        agents: z.array(
          z.object({
            agentId: z.string(),
            costMicros: z.number(),
            tokensIn: z.number(),
            tokensOut: z.number(),
            modelCalls: z.number(),
            models: z.record(z.string(), z.object(Counters).partial()),
          }),
        ),
      }),
    },
    errors: ['POLICY-001'],
  },
  'GET /v1/tenants/:tenant/budget': {
    summary: "The tenant's monthly budget, this month's spend and the alerts sent (000#26).",
    access: ['user', 'service'],
    params: TenantParams,
    responses: { 200: BudgetView },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'PUT /v1/tenants/:tenant/budget': {
    summary:
      "Sets the tenant's monthly budget (USD micro-units), its alert thresholds in percent (default 70/85/100) and where alerts go (`feed`, or a signed `webhook`); its billing admins only, audited.",
    access: 'user',
    params: TenantParams,
    body: BudgetSchema,
    responses: { 200: BudgetView },
    errors: ['POLICY-001'],
  },
});
