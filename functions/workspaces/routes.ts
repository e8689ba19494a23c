import { defineRoutes } from '@backbone/shared/core';
import { AgentIdSchema } from '@backbone/shared/agents';
import { TenantIdSchema } from '@backbone/shared/governance';
import { FilePathSchema } from '@backbone/shared/workspaces';
import { z } from 'zod';

const WorkspaceParams = z.object({ tenant: TenantIdSchema, agent: AgentIdSchema });
const Signed = z.object({
  path: z.string(),
  url: z.string(),
  method: z.enum(['GET', 'PUT']),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
const Archive = z.object({
  archiveId: z.string(),
  subscriptionId: z.string(),
  status: z.enum(['packing', 'archived', 'restored', 'deleted']),
  createdAt: z.string(),
  expiresAt: z.string(),
  files: z.number(),
  totalBytes: z.number(),
  encryptedBytes: z.number(),
  download: z.object({ url: z.string(), expiresAt: z.string() }).nullable(),
});
const ArchiveId = z.string().regex(/^arc_[A-Za-z0-9_]{1,120}$/);

/** workspaces's routes: agents' state files (000#8) and the archives of cancelled tenants (000#35). */
export const routes = defineRoutes({
  'GET /v1/tenants/:tenant/agents/:agent/workspace': {
    summary:
      "Lists an agent's workspace files (`tenants/{tenant}/agents/{agent}/state/`), by path, a page at a time, with the tenant's usage and its plan's quota.",
    access: ['user', 'service'],
    params: WorkspaceParams,
    query: z
      .object({
        prefix: FilePathSchema.optional(),
        pageToken: z.string().max(1024).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    responses: {
      200: z.object({
        files: z.array(z.object({ path: z.string(), size: z.number(), updatedAt: z.string() })),
        next: z.string().optional(),
        usage: z.object({ bytes: z.number(), quotaBytes: z.number() }),
      }),
    },
    errors: ['POLICY-001'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/workspace/uploads': {
    summary:
      'A V4 signed URL (15 minutes) to PUT one file of exactly `bytes` bytes: Cloud Storage refuses any other size, so the quota checked here holds.',
    access: ['user', 'service'],
    params: WorkspaceParams,
    body: z
      .object({
        path: FilePathSchema,
        contentType: z
          .string()
          .regex(/^[\w.+-]+\/[\w.+-]+$/)
          .max(100),
        bytes: z
          .number()
          .int()
          .min(0)
          .max(5 * 1024 ** 3),
      })
      .strict(),
    responses: { 200: Signed },
    errors: ['POLICY-001', 'STORAGE-001'],
  },
  'POST /v1/tenants/:tenant/agents/:agent/workspace/downloads': {
    summary: 'A V4 signed URL (15 minutes) to GET one file of the workspace.',
    access: ['user', 'service'],
    params: WorkspaceParams,
    body: z.object({ path: FilePathSchema }).strict(),
    responses: { 200: Signed },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /v1/tenants/:tenant/archives': {
    summary:
      "The tenant's workspace archives (made when a subscription is cancelled), newest first, each with its download link while it lasts (30 days).",
    access: 'user',
    params: z.object({ tenant: TenantIdSchema }),
    responses: { 200: z.object({ archives: z.array(Archive) }) },
    errors: ['POLICY-001'],
  },
  'POST /v1/tenants/:tenant/archives/:archive/restore': {
    summary:
      "Writes every archived file back to its workspace, byte for byte, after checking the whole archive (its authentication tag and each file's SHA-256); the tenant's admins only, within the archive's 30 days.",
    access: 'user',
    params: z.object({ tenant: TenantIdSchema, archive: ArchiveId }),
    responses: { 200: z.object({ archiveId: z.string(), files: z.number(), bytes: z.number() }) },
    errors: ['POLICY-001', 'REQ-003', 'STORAGE-002'],
  },
  'GET /v1/archives/:archive/download': {
    summary:
      "The archive's tar.gz, decrypted (after its authentication tag was checked), for whoever holds the link the archive listing gave (`exp`, `sig`: HMAC-signed, valid until the archive expires).",
    access: 'public',
    params: z.object({ archive: ArchiveId }),
    query: z.object({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    responses: { 200: z.string() },
    contentType: 'application/gzip',
    errors: ['AUTH-001', 'REQ-003', 'STORAGE-002'],
  },
});
