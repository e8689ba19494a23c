import {
  ALL_ROLES,
  API_KEY_SCOPE_NAMES,
  type ApiKeyScope,
  maskedText,
  SecurityConfigSchema,
  type Role,
} from '@backbone/shared/core';
import { AllowListSchema, McpServerIdSchema, McpServerInputSchema } from '@backbone/shared/governance';
import { z } from 'zod';

export const GovernanceConfigSchema = SecurityConfigSchema;

export const McpServerCreateSchema = McpServerInputSchema.extend({ id: McpServerIdSchema }).strict();
export const McpServerUpdateSchema = McpServerInputSchema;

/** `global`, or a tenant id. */
export const ScopeParamSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'global or a tenant id');
export const AllowListBodySchema = AllowListSchema.strict();

export const ApiKeyCreateSchema = z
  .object({
    name: maskedText(z.string().min(1).max(100)),
    /** Scopes from the catalog (API_KEY_SCOPES): each names what routes the key may call. */
    scopes: z
      .array(z.enum(API_KEY_SCOPE_NAMES as [ApiKeyScope, ...ApiKeyScope[]]))
      .min(1)
      .max(API_KEY_SCOPE_NAMES.length),
    ttlDays: z.number().int().min(1).max(730).optional(),
  })
  .strict();
export const ApiKeyIdParamSchema = z.string().regex(/^[A-Za-z0-9]{12}$/, 'a 12-character key id');
export const ApiKeyRotateSchema = z
  .object({ overlapHours: z.number().int().min(0).max(168).default(24) })
  .strict()
  .default({ overlapHours: 24 });

export const TrialExtendSchema = z
  .object({
    days: z.number().int().min(1).max(30),
    /** Why: kept in the audit log with the extension. */
    reason: maskedText(z.string().min(10).max(500)),
  })
  .strict();

export const AuditReadQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** Firebase Auth uids (Backbone's own are 28 characters; imported ones may be longer). */
export const MemberUidParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a user id');
const RolesSchema = z.array(z.enum(ALL_ROLES as [Role, ...Role[]])).max(ALL_ROLES.length);
export const MemberInviteSchema = z
  .object({
    email: z
      .string()
      .max(254)
      .email()
      .transform((e) => e.toLowerCase()),
    roles: RolesSchema.default([]),
  })
  .strict();
export const MemberRolesSchema = z.object({ roles: RolesSchema }).strict();
export const MemberListQuerySchema = z
  .object({
    after: MemberUidParamSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
