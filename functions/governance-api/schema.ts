import {
  AllowListSchema,
  McpServerIdSchema,
  McpServerInputSchema,
  SecurityConfigSchema,
} from '@backbone/shared';
import { z } from 'zod';

export const GovernanceConfigSchema = SecurityConfigSchema;

export const McpServerCreateSchema = McpServerInputSchema.extend({ id: McpServerIdSchema }).strict();
export const McpServerIdParamSchema = McpServerIdSchema;

/** `global`, or a tenant id. */
export const ScopeParamSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'global or a tenant id');
export const AllowListBodySchema = AllowListSchema.strict();

const SCOPE = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;
export const ApiKeyCreateSchema = z
  .object({
    name: z.string().min(1).max(100),
    scopes: z.array(z.string().regex(SCOPE, 'resource:verb, e.g. agents:run')).min(1).max(20),
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
    reason: z.string().min(10).max(500),
  })
  .strict();

export const AuditReadQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
