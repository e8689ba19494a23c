/**
 * What a tenant's API key may be scoped to: one scope per route a key may call, declared on the
 * route in its manifest. A key is created with scopes from this list only, and a route refuses a
 * key without its scope (403), so a key made for reading invoices cannot ask the constitution.
 */
export const API_KEY_SCOPES = {
  'billing:read': "read the tenant's invoices",
  'constitution:query': 'ask constitutional queries',
  'mcp_servers:read': 'list the MCP server registry',
} as const satisfies Record<string, string>;
export type ApiKeyScope = keyof typeof API_KEY_SCOPES;
export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as ApiKeyScope[];
