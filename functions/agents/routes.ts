import { defineRoutes, maskedText, wireSchema, type RouteHandlers } from '@backbone/shared/core';
import {
  AgentRecordSchema,
  AgentSpecSchema,
  AGENT_STATUSES,
  GenesisCallbackSchema,
  LIFECYCLE_EVENTS,
} from '@backbone/shared/agents';
import { z } from 'zod';
import {
  AgentCreateSchema,
  AgentListQuerySchema,
  AgentParams,
  ImportSchema,
  LifecycleRequestSchema,
  RunParams,
  RunRegisterSchema,
  UpgradeSchema,
  SpecialtyQuerySchema,
  TenantParams,
  VersionParams,
} from './schema';
import { AgentVersionInputSchema } from '@backbone/shared/agents';

// Dates travel as ISO 8601 strings.
const timestamp = z.iso.datetime();
const AgentSchema = wireSchema(AgentRecordSchema).extend({
  status: z.enum(AGENT_STATUSES),
  /** The lifecycle events the agent's definition allows from where it stands. */
  allowedEvents: z.array(z.enum(LIFECYCLE_EVENTS)),
});
const VersionSummarySchema = z.object({
  version: z.string(),
  specHash: z.string(),
  author: z.string(),
  changelog: z.string(),
  createdAt: timestamp,
});
const VersionSchema = VersionSummarySchema.extend({ spec: AgentSpecSchema });
const RunSchema = z.object({ runId: z.string(), version: z.string(), startedAt: timestamp, leaseExpiresAt: timestamp });
const ImportOutcomeSchema = z.object({
  file: z.string(),
  agentId: z.string(),
  version: z.string(),
  outcome: z.enum(['created', 'version_added', 'unchanged']),
});
const access = 'user' as const;

/** agents's routes (README "agents"): every one decided by the Cedar policies for the caller and audited. */
export const routes = defineRoutes({
  'GET /v1/agent-specialties': {
    summary: 'The specialty taxonomy (000#33), or the specialties matching `q` (a label, a synonym, a near miss).',
    access: ['user', 'service'],
    query: SpecialtyQuerySchema.partial(),
    responses: {
      200: z.object({
        specialties: z.array(z.object({ id: z.string(), label: z.string(), synonyms: z.array(z.string()) })),
      }),
    },
  },
  'GET /v1/tenants/:tenant/agents': {
    summary: "A tenant's agents in id order, by status or specialty, a page at a time.",
    access: ['user', 'service'],
    params: TenantParams,
    query: AgentListQuerySchema,
    responses: { 200: z.object({ agents: z.array(AgentSchema), next: z.string().optional() }) },
    errors: ['POLICY-001'],
  },
  'POST /v1/tenants/:tenant/agents': {
    summary: 'Registers an agent as a draft, optionally with its first version (201 + Location).',
    access,
    params: TenantParams,
    body: AgentCreateSchema,
    responses: { 201: AgentSchema },
    errors: ['POLICY-001', 'REQ-008'],
  },
  'POST /v1/tenants/:tenant/agents:import': {
    summary: "Imports the platform's YAML agent files (004§2.1); a file imported before changes nothing.",
    access,
    params: TenantParams,
    body: ImportSchema,
    responses: { 200: z.object({ imported: z.array(ImportOutcomeSchema) }) },
    errors: ['POLICY-001', 'REQ-008'],
  },
  'GET /v1/tenants/:tenant/agents/:agent': {
    summary: 'An agent and its versions (without their specs).',
    access: ['user', 'service'],
    params: AgentParams,
    responses: { 200: z.object({ agent: AgentSchema, versions: z.array(VersionSummarySchema) }) },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'DELETE /v1/tenants/:tenant/agents/:agent': {
    summary: "Deletes a draft, rejected or retired agent and its versions (the tenant's admin).",
    access,
    params: AgentParams,
    responses: { 204: z.null() },
    errors: ['POLICY-001', 'REQ-003', 'AGENT-003'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/versions': {
    summary: 'Adds an immutable version (201; 200 when the same version with the same content exists).',
    access,
    params: AgentParams,
    body: AgentVersionInputSchema,
    responses: { 200: AgentSchema, 201: AgentSchema },
    errors: ['POLICY-001', 'REQ-003', 'REQ-008'],
  },
  'GET /v1/tenants/:tenant/agents/:agent/versions/:version': {
    summary: 'One version with its spec.',
    access: ['user', 'service'],
    params: VersionParams,
    responses: { 200: VersionSchema },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/tenants/:tenant/agents/:agent/readiness': {
    summary:
      'Go-live readiness of the version awaiting deployment (000#28): integration credentials and rate limits, MCP servers allow-listed and reachable.',
    access: ['user', 'service'],
    params: AgentParams,
    responses: {
      200: z.object({
        version: z.string().nullable(),
        ready: z.boolean(),
        failures: z.array(
          z.object({
            check: z.enum(['credential_expired', 'rate_limit_unknown', 'mcp_not_allowed', 'mcp_unreachable']),
            subject: z.string(),
            message: z.string(),
          }),
        ),
      }),
    },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/versions/:version/certification': {
    summary: "Sends a live agent's next version to Genesis while the deployed one keeps running (000#15); 202.",
    access,
    params: VersionParams,
    responses: { 202: AgentSchema },
    errors: ['POLICY-001', 'REQ-003', 'AGENT-003'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/upgrade': {
    summary:
      'Upgrades a deployed agent to a certified version: new runs wait while runs on the current version drain, then it switches (000#15); 202.',
    access,
    params: AgentParams,
    body: UpgradeSchema,
    responses: { 202: z.object({ progress: z.enum(['none', 'draining', 'done']), agent: AgentSchema }) },
    errors: ['POLICY-001', 'REQ-003', 'AGENT-003'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/runs': {
    summary:
      'The agent runtime registers a run: pinned to the deployed version, leased for 60 s (renewed by heartbeats); refused while an upgrade drains.',
    access: 'service',
    params: AgentParams,
    body: RunRegisterSchema,
    responses: { 201: RunSchema },
    errors: ['POLICY-001', 'AGENT-003'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/runs/:run/heartbeat': {
    summary: "Renews a run's lease; 409 when it ran out (the runtime stops the run).",
    access: 'service',
    params: RunParams,
    responses: { 200: RunSchema },
    errors: ['AGENT-003'],
  },
  'DELETE /v1/tenants/:tenant/agents/:agent/runs/:run': {
    summary:
      'A run ended (`outcome`, default succeeded): its lease goes, a failure counts towards the error-rate suspension, an upgrade waiting for it moves on.',
    access: 'service',
    params: RunParams,
    query: z.object({ outcome: z.enum(['succeeded', 'failed']).default('succeeded') }).strict(),
    responses: { 204: z.null() },
    errors: ['REQ-003'],
  },
  'DELETE /v1/tenants/:tenant/agents/:agent/handoff-escalation': {
    summary:
      'A platform admin takes back a handoff escalated after three refused deployments within 7 days (000#20); the tenant may deploy again.',
    access,
    params: AgentParams,
    query: z.object({ reason: maskedText(z.string().min(1).max(500)) }).strict(),
    responses: { 200: AgentSchema },
    errors: ['POLICY-001', 'REQ-003', 'AGENT-003'],
  },
  'POST /v1/genesis/callbacks': {
    summary:
      'Genesis certification progress and verdicts (000#2), signed (`Genesis-Signature`); a callback seen before changes nothing.',
    access: 'public',
    // Genesis is authenticated by its signature, and must never be throttled as an anonymous caller.
    metered: false,
    signedBody: GenesisCallbackSchema,
    responses: {
      200: z.object({ received: z.literal(true), outcome: z.enum(['applied', 'duplicate', 'stale']) }),
    },
    errors: ['WEBHOOK-001'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/lifecycle': {
    summary:
      'Moves the agent through its lifecycle: submit, certify, reject, deploy, suspend, reinstate, retire (000#55, 000#56).',
    access: ['user', 'service'],
    params: AgentParams,
    body: LifecycleRequestSchema,
    responses: { 200: AgentSchema },
    errors: ['POLICY-001', 'REQ-003', 'AGENT-003'],
  },
});

export type AgentsHandlers = RouteHandlers<typeof routes>;
