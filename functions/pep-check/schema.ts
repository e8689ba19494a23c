import { ACTIONS, ALL_ROLES, COMPONENTS, PLATFORM_ROLES, SecurityConfigSchema } from '@backbone/shared/core';
import { HostSchema, McpServerIdSchema, TenantIdSchema } from '@backbone/shared/governance';
import { AgentIdSchema } from '@backbone/shared/agents';
import { z } from 'zod';

export const PepConfigSchema = SecurityConfigSchema;

const id = z.string().min(1).max(128);
const roles = z
  .array(z.enum(PLATFORM_ROLES as [string, ...string[]]))
  .max(PLATFORM_ROLES.length)
  .default([]);
/** A user may name either portal's roles; the engine counts only those of the user's portal. */
const userRoles = z
  .array(z.enum(ALL_ROLES as [string, ...string[]]))
  .max(ALL_ROLES.length)
  .default([]);

/**
 * A decision request as callers send it. There is no `context`: trial state, counters, allow-lists
 * and whether a target is production are looked up by the PEP itself, never taken from the caller.
 */
export const PepRequestSchema = z
  .object({
    principal: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('User'),
          id,
          portal: z.enum(['CP', 'PP']),
          tenant: TenantIdSchema,
          roles: userRoles,
        })
        .strict(),
      z
        .object({
          type: z.literal('Service'),
          id,
          roles,
          /** The tenant a service acts for (its trial and allow-list apply). */
          tenant: TenantIdSchema.optional(),
        })
        .strict(),
    ]),
    action: z.enum(ACTIONS),
    resource: z.discriminatedUnion('type', [
      // Deny by default covers ids: a component that does not exist is a 400, never an allow.
      z.object({ type: z.literal('Component'), id: z.enum(COMPONENTS) }).strict(),
      z.object({ type: z.literal('Agent'), id, tenant: TenantIdSchema }).strict(),
      z.object({ type: z.literal('CustomerData'), id, tenant: TenantIdSchema }).strict(),
      z.object({ type: z.literal('McpServer'), id: McpServerIdSchema }).strict(),
      z.object({ type: z.literal('ExternalHost'), id: HostSchema }).strict(),
    ]),
    /**
     * The agent on whose behalf the principal acts (a tool call, a data read): a constitutional
     * forbid denying it counts against that agent (000#55). A `run` names its agent as the resource.
     */
    agent: z.object({ id: AgentIdSchema, tenant: TenantIdSchema }).strict().optional(),
  })
  .strict();
export type PepRequest = z.infer<typeof PepRequestSchema>;

export const MAX_BATCH = 100;
export const DecideBatchSchema = z.object({ requests: z.array(PepRequestSchema).min(1).max(MAX_BATCH) }).strict();

/** `POST /v1/pep/trial-usage`: spend a trial tenant's agents incurred, reported once per usage id. */
export const TrialSpendSchema = z
  .object({
    tenant: TenantIdSchema,
    usageId: z.string().regex(/^[\w.:-]{1,128}$/, 'letters, digits, and . _ : -'),
    spendCents: z.number().int().positive().max(10_000_000),
  })
  .strict();
