import { z } from 'zod';
import { maskedText, piiFreeUrl } from '../core/logging/stored-text';

/** A host name as an allow-list holds it: lower case, no scheme, port or path. */
export const HostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'a lower-case host name',
  );

export const McpServerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');

/** `allow_lists/{scope}`: `global`, or a tenant id. */
export const AllowListSchema = z.object({
  hosts: z
    .array(z.object({ host: HostSchema, sandbox: z.boolean().default(false) }).strict())
    .max(500)
    .default([]),
  mcpServers: z.array(McpServerIdSchema).max(500).default([]),
});
export type AllowList = z.infer<typeof AllowListSchema>;
export const GLOBAL_SCOPE = 'global';

/** An MCP server in the registry (004§4.1, 004§4.2). */
export const McpServerInputSchema = z
  .object({
    name: maskedText(z.string().min(1).max(120)),
    url: piiFreeUrl(z.url({ protocol: /^https?$/ }).max(2048)),
    description: maskedText(z.string().max(2000)).default(''),
    /** Production servers are never callable by trial tenants. */
    production: z.boolean(),
  })
  .strict();
export type McpServerInput = z.infer<typeof McpServerInputSchema>;
export interface McpServerRecord extends McpServerInput {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** What a call's target resolves to: listed or not, and whether it reaches production. */
export interface CallTarget {
  allowListed: boolean;
  production: boolean;
}

/** Resolves an external host against the global and tenant allow-lists (exact host match). */
export function resolveHost(host: string, lists: AllowList[]): CallTarget {
  const entries = lists.flatMap((l) => l.hosts).filter((e) => e.host === host.toLowerCase());
  if (entries.length === 0) return { allowListed: false, production: true };
  // Listed anywhere as production wins: a sandbox mark in one list cannot hide a production host.
  return { allowListed: true, production: entries.some((e) => !e.sandbox) };
}

/** Resolves an MCP server: it must be registered and listed; its production flag is the registry's. */
export function resolveMcpServer(id: string, server: McpServerRecord | undefined, lists: AllowList[]): CallTarget {
  if (!server) return { allowListed: false, production: true };
  return { allowListed: lists.some((l) => l.mcpServers.includes(id)), production: server.production };
}
