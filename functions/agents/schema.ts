import { SecurityConfigSchema } from '@backbone/shared/core';
import {
  AgentIdSchema,
  AgentVersionInputSchema,
  resolveSpecialty,
  SemverSchema,
  SPECIALTIES,
} from '@backbone/shared/agents';
import { TenantIdSchema } from '@backbone/shared/governance';
import { maskedText } from '@backbone/shared/core';
import { z } from 'zod';

export const AgentsConfigSchema = SecurityConfigSchema.extend({
  /** The secret Genesis signs its callbacks with (Secret Manager `genesis-signing-secret`). */
  GENESIS_SIGNING_SECRET: z.string().min(16, 'at least 16 characters'),
});

/**
 * A specialty as people write it, resolved to its canonical id (000#33); an unknown one is refused
 * with the nearest specialties as suggestions.
 */
export const SpecialtyInputSchema = z
  .string()
  .min(1)
  .max(80)
  .transform((text, ctx) => {
    const match = resolveSpecialty(text);
    if ('id' in match) return match.id;
    const known = match.suggestions.length > 0 ? match.suggestions : SPECIALTIES.slice(0, 5).map((s) => s.id);
    ctx.addIssue({
      code: 'custom',
      message: `not a specialty of the taxonomy; did you mean ${known.join(', ')}?`,
      params: { suggestions: match.suggestions },
    });
    return z.NEVER;
  });

export const TenantParams = z.object({ tenant: TenantIdSchema });
export const AgentParams = z.object({ tenant: TenantIdSchema, agent: AgentIdSchema });
export const VersionParams = AgentParams.extend({ version: SemverSchema });

export const AgentCreateSchema = z
  .object({
    id: AgentIdSchema,
    name: maskedText(z.string().min(1).max(120)),
    specialty: SpecialtyInputSchema,
    description: maskedText(z.string().max(2000)).default(''),
    /** The first version, optional: an agent may be registered before its first spec. */
    version: AgentVersionInputSchema.optional(),
  })
  .strict();
export type AgentCreate = z.infer<typeof AgentCreateSchema>;

export const AgentListQuerySchema = z
  .object({
    status: z
      .string()
      .regex(/^[a-z_]{1,32}$/)
      .optional(),
    specialty: SpecialtyInputSchema.optional(),
    after: AgentIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

const reason = maskedText(z.string().min(1).max(2000));

/** The five suspension triggers (000#55). */
export const SUSPENSION_TRIGGERS = [
  'constitutional_violation',
  'error_rate',
  'genesis_decertification',
  'security_incident',
  'customer_complaint',
] as const;

/** One lifecycle event, with what that event needs. */
export const LifecycleRequestSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('submit'), version: SemverSchema }).strict(),
  z.object({ event: z.literal('certify'), reason: reason.optional() }).strict(),
  z.object({ event: z.literal('reject'), reason }).strict(),
  z.object({ event: z.literal('override'), reason }).strict(),
  z.object({ event: z.literal('block'), reason }).strict(),
  z.object({ event: z.literal('deploy') }).strict(),
  z.object({ event: z.literal('suspend'), trigger: z.enum(SUSPENSION_TRIGGERS), reason }).strict(),
  z.object({ event: z.literal('reinstate'), reason }).strict(),
  z.object({ event: z.literal('retire'), reason: reason.optional() }).strict(),
]);
export type LifecycleRequest = z.infer<typeof LifecycleRequestSchema>;

export const RunParams = AgentParams.extend({ run: z.string().regex(/^[A-Za-z0-9][\w.:-]{0,127}$/, 'a run id') });
export const RunRegisterSchema = z.object({ runId: RunParams.shape.run }).strict();
export const UpgradeSchema = z.object({ version: SemverSchema }).strict();

export const MAX_IMPORT_FILES = 20;
export const ImportSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            name: z.string().regex(/^[\w.-]{1,128}$/, 'a file name'),
            content: z.string().min(1).max(200_000),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_IMPORT_FILES),
  })
  .strict();

export const SpecialtyQuerySchema = z.object({ q: z.string().min(1).max(80) }).strict();
