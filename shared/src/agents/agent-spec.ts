import { createHash } from 'node:crypto';
import { z } from 'zod';
import { maskedText } from '../core/logging/stored-text';
import { McpServerIdSchema } from '../governance/registry';

/** An agent id within its tenant: a lower-case slug, usable as a document id and a Cedar entity id. */
export const AgentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes (2-63)');

/** A version is `MAJOR.MINOR.PATCH` (semantic versioning, no pre-release or build suffix). */
export const SemverSchema = z
  .string()
  .max(32)
  .regex(/^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/, 'a semantic version, MAJOR.MINOR.PATCH');

/** Negative when `a` precedes `b`. */
export function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/**
 * What an agent version runs: its model and sampling settings, its instructions, its tools, the MCP
 * servers and integrations it uses. Text a person wrote passes the PII masker before it is stored.
 */
export const AgentSpecSchema = z
  .object({
    model: z
      .object({
        provider: z.string().min(1).max(64),
        name: z.string().min(1).max(128),
        temperature: z.number().min(0).max(2),
        topP: z.number().gt(0).max(1).optional(),
        maxOutputTokens: z.number().int().positive().max(1_000_000).optional(),
      })
      .strict(),
    instructions: maskedText(z.string().min(1).max(20_000)),
    tools: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a tool name'),
            description: maskedText(z.string().max(1000)).default(''),
          })
          .strict(),
      )
      .max(64)
      .default([]),
    mcpServers: z.array(McpServerIdSchema).max(32).default([]),
    integrations: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an integration id'),
            /** When the integration's credential expires: go-live refuses an expired one (000#28). */
            credentialExpiresAt: z.iso.datetime().optional(),
            rateLimitPerMinute: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .max(32)
      .default([]),
  })
  .strict();
export type AgentSpec = z.infer<typeof AgentSpecSchema>;

/** One version as the caller submits it. */
export const AgentVersionInputSchema = z
  .object({
    version: SemverSchema,
    spec: AgentSpecSchema,
    changelog: maskedText(z.string().max(4000)).default(''),
  })
  .strict();
export type AgentVersionInput = z.infer<typeof AgentVersionInputSchema>;

/** An immutable version as stored: its spec, the spec's content hash, who added it and when. */
export interface AgentVersion extends AgentVersionInput {
  specHash: string;
  author: string;
  createdAt: Date;
}

/** A stable hash of a spec's content (keys sorted), so the same content imported twice is recognized. */
export function specHash(spec: AgentSpec): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(spec)))
    .digest('hex')}`;
}
