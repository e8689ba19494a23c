import { ALL_ROLES, defineRoutes, type Role, type RouteHandlers } from '@backbone/shared/core';
import { AuditRecordSchema } from '@backbone/shared/audit';
import { McpServerIdSchema, TenantIdSchema } from '@backbone/shared/governance';
import { z } from 'zod';
import {
  AllowListBodySchema,
  ApiKeyCreateSchema,
  ApiKeyIdParamSchema,
  ApiKeyRotateSchema,
  AuditReadQuerySchema,
  McpServerCreateSchema,
  McpServerUpdateSchema,
  MemberInviteSchema,
  MemberListQuerySchema,
  MemberRolesSchema,
  MemberUidParamSchema,
  ScopeParamSchema,
  TrialExtendSchema,
} from './schema';

// Dates travel as ISO 8601 strings.
const timestamp = z.iso.datetime();
const McpServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  description: z.string(),
  production: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
  updatedBy: z.string(),
});
const AllowListOutSchema = z.object({
  scope: z.string(),
  hosts: z.array(z.object({ host: z.string(), sandbox: z.boolean() })),
  mcpServers: z.array(z.string()),
});
const ApiKeySummarySchema = z.object({
  keyId: z.string(),
  tenant: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  displayPrefix: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  validUntil: timestamp.nullable(),
  replacedBy: z.string().nullable(),
});
/** The secret is in this answer only: it is never shown again. */
const ApiKeyIssuedSchema = ApiKeySummarySchema.extend({ key: z.string() });
/** A record as the chain keeps it (the audit domain's schema), with its place and hashes. */
const AuditEntrySchema = AuditRecordSchema.extend({
  seq: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
});
const MemberSchema = z.object({
  uid: z.string(),
  email: z.string().optional(),
  tenant: z.string(),
  portal: z.enum(['CP', 'PP']),
  roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])),
  invitedAt: timestamp,
  updatedAt: timestamp,
});

const serverParams = z.object({ id: McpServerIdSchema });
const scopeParams = z.object({ scope: ScopeParamSchema });
const keyParams = z.object({ id: ApiKeyIdParamSchema });
const tenantParams = z.object({ tenant: TenantIdSchema });
const memberParams = z.object({ tenant: TenantIdSchema, uid: MemberUidParamSchema });

/** governance-api's routes (README "governance-api"). Every change is decided by policy and audited. */
export const routes = defineRoutes({
  'GET /v1/mcp-servers': {
    summary: 'The MCP server registry (004§4.1).',
    access: ['user', 'client', 'service'],
    scope: 'mcp_servers:read',
    responses: { 200: z.object({ servers: z.array(McpServerSchema) }) },
  },
  'POST /v1/mcp-servers': {
    summary: 'Registers an MCP server (004§4.2).',
    access: 'user',
    body: McpServerCreateSchema,
    responses: { 201: McpServerSchema },
    errors: ['POLICY-001', 'REQ-008'],
  },
  'PUT /v1/mcp-servers/:id': {
    summary: 'Replaces a registered MCP server.',
    access: 'user',
    params: serverParams,
    body: McpServerUpdateSchema,
    responses: { 200: McpServerSchema },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'DELETE /v1/mcp-servers/:id': {
    summary: 'Removes an MCP server from the registry.',
    access: 'user',
    params: serverParams,
    responses: { 204: z.null() },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/allow-lists/:scope': {
    summary: "The hosts and MCP servers agents may call: `global`, or a tenant's own list (000#53, 004§4.3).",
    access: 'user',
    params: scopeParams,
    responses: { 200: AllowListOutSchema },
    errors: ['POLICY-001'],
  },
  'PUT /v1/allow-lists/:scope': {
    summary: 'Replaces an allow-list.',
    access: 'user',
    params: scopeParams,
    body: AllowListBodySchema,
    responses: { 200: AllowListOutSchema },
    errors: ['POLICY-001'],
  },
  'GET /v1/api-keys': {
    summary: "The caller's tenant's API keys, without their secrets (004§2.2).",
    access: 'user',
    responses: { 200: z.object({ keys: z.array(ApiKeySummarySchema) }) },
    errors: ['POLICY-001'],
  },
  'POST /v1/api-keys': {
    summary: 'Creates an API key; the answer holds its secret, once.',
    access: 'user',
    body: ApiKeyCreateSchema,
    responses: { 201: ApiKeyIssuedSchema },
    errors: ['POLICY-001', 'REQ-008'],
  },
  'POST /v1/api-keys/:id/rotate': {
    summary: 'Issues a successor; the old key keeps working for the overlap (24 h unless said).',
    access: 'user',
    params: keyParams,
    body: ApiKeyRotateSchema,
    responses: { 201: ApiKeyIssuedSchema },
    errors: ['POLICY-001', 'REQ-003', 'REQ-008'],
  },
  'DELETE /v1/api-keys/:id': {
    summary: 'Revokes an API key at once.',
    access: 'user',
    params: keyParams,
    responses: { 204: z.null() },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'POST /v1/trials/:tenant/extend': {
    summary: "Extends a tenant's trial: a Platform Governor's override, with its reason audited (000#5).",
    access: 'user',
    params: tenantParams,
    body: TrialExtendSchema,
    responses: { 200: z.object({ tenant: z.string(), endsAt: timestamp, previousEndsAt: timestamp }) },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/audit/records': {
    summary: 'Forensic read of the audit chain, in order; the read is itself audited (000#14).',
    access: 'user',
    query: AuditReadQuerySchema,
    responses: { 200: z.object({ records: z.array(AuditEntrySchema), next: z.number().int().nullable() }) },
    errors: ['POLICY-001'],
  },
  'GET /v1/tenants/:tenant/members': {
    summary: "A tenant's members and their roles, a page at a time.",
    access: 'user',
    params: tenantParams,
    query: MemberListQuerySchema,
    responses: { 200: z.object({ members: z.array(MemberSchema), next: z.string().optional() }) },
    errors: ['POLICY-001'],
  },
  'POST /v1/tenants/:tenant/members': {
    summary: 'Invites a member by e-mail with roles (201 new, 200 already a member).',
    access: 'user',
    params: tenantParams,
    body: MemberInviteSchema,
    responses: { 200: MemberSchema, 201: MemberSchema },
    errors: ['POLICY-001', 'REQ-008'],
  },
  'PUT /v1/tenants/:tenant/members/:uid': {
    summary: "Replaces a member's roles; removed roles end their sessions.",
    access: 'user',
    params: memberParams,
    body: MemberRolesSchema,
    responses: { 200: MemberSchema },
    errors: ['POLICY-001', 'REQ-003', 'REQ-008'],
  },
  'DELETE /v1/tenants/:tenant/members/:uid': {
    summary: 'Removes a member from the tenant and ends their sessions.',
    access: 'user',
    params: memberParams,
    responses: { 204: z.null() },
    errors: ['POLICY-001', 'REQ-003'],
  },
});

/** The handlers, one per route; each area's file supplies its own. */
export type GovernanceHandlers = RouteHandlers<typeof routes>;
