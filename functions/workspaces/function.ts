import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { ARCHIVE_ENV } from '@backbone/shared/workspaces';
import { routes } from './routes';

export default defineFunction({
  name: 'workspaces',
  description:
    "Agents' workspaces (000#8): lists each agent's state files under `tenants/{tenant}/agents/{agent}/state/`, and hands out V4 signed URLs (15 minutes, one object, uploads of an exact size within the plan's quota); the tenant's archives (000#35): lists them with their links, restores one byte for byte, and serves the decrypted tar.gz to the link's holder. Every call decided by the policies and audited.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '512Mi', timeoutSeconds: 300, concurrency: 20 },
  env: {
    ...ARCHIVE_ENV,
    WORKSPACE_QUOTAS: {
      description:
        'Workspace bytes per plan: `{"default": n, "price_…": n}`; a tenant gets the largest of its active plans.',
      default: '{"default":104857600}',
    },
    PUBLIC_BASE_URL: {
      description: 'The public base URL archive links point at (set by the infrastructure: the domain).',
    },
  },
  secrets: [{ env: 'ARCHIVE_LINK_SECRET', secret: 'archive-link-signing-secret' }],
  touches: {
    collections: {
      read: ['subscriptions', 'workspace_archives', 'policy_sets'],
      write: ['workspace_archives', 'audit_intake'],
    },
    buckets: [
      { bucket: 'agent-workspaces', prefix: 'tenants/', access: 'write' },
      { bucket: 'subscription-archives', prefix: 'tenants/', access: 'read' },
    ],
    signsUrls: true,
    keys: [{ key: 'archive-keys', access: 'decrypt' }],
  },
});
