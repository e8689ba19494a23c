import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'governance-api',
  description:
    'Governance administration behind the PEP: the MCP server registry, host and MCP allow-lists, tenant API keys, Platform Governor trial extensions, tenant members and their roles (Firebase Auth custom claims), and audited reads of the audit log (004§1.2, 004§2.2, 004§4.1-4.3, 000#5, 000#14).',
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  touches: {
    collections: {
      read: ['policy_sets', 'audit_log', 'audit_chain', 'tenants'],
      write: ['mcp_servers', 'allow_lists', 'api_keys', 'tenants', 'audit_intake', 'tenant_members'],
    },
    users: 'manage',
  },
});
