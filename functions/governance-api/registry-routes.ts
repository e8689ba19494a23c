import { callerId, parseWith, respond, type Clock, type Route } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { type RegistryStore } from '@backbone/shared/governance';
import {
  AllowListBodySchema,
  McpServerCreateSchema,
  McpServerIdParamSchema,
  ScopeParamSchema,
} from './schema';

const MCP_COMPONENT = { type: 'Component', id: 'mcp_servers' } as const;
const ALLOW_LIST_COMPONENT = { type: 'Component', id: 'integrations' } as const;

/** The MCP server registry (004§4.1, 004§4.2) and the allow-lists (000#53, 004§4.3). */
export function registryRoutes(deps: { registry: RegistryStore; gate: Gatekeeper; clock: Clock }): Route[] {
  const { registry, gate, clock } = deps;
  const change = (caller: Parameters<typeof callerId>[0]) => ({ by: callerId(caller), at: clock.now() });
  return [
    {
      method: 'GET',
      path: '/v1/mcp-servers',
      handle: async () => respond.json({ servers: await registry.listMcpServers() }),
    },
    {
      method: 'POST',
      path: '/v1/mcp-servers',
      handle: async (ctx) => {
        const { id, ...input } = parseWith(McpServerCreateSchema, ctx.body, 'body');
        const created = await gate.run(ctx.caller, 'create', MCP_COMPONENT, async () => ({
          result: await registry.createMcpServer(id, input, change(ctx.caller)),
          details: { server: id, production: input.production },
        }));
        return respond.json(created, 201, { Location: `/v1/mcp-servers/${id}` });
      },
    },
    {
      method: 'PUT',
      path: '/v1/mcp-servers/:id',
      handle: async (ctx) => {
        const id = parseWith(McpServerIdParamSchema, ctx.params.id, 'path');
        const input = parseWith(McpServerCreateSchema.omit({ id: true }), ctx.body, 'body');
        const updated = await gate.run(ctx.caller, 'update', MCP_COMPONENT, async () => ({
          result: await registry.updateMcpServer(id, input, change(ctx.caller)),
          details: { server: id, production: input.production },
        }));
        return respond.json(updated);
      },
    },
    {
      method: 'DELETE',
      path: '/v1/mcp-servers/:id',
      handle: async (ctx) => {
        const id = parseWith(McpServerIdParamSchema, ctx.params.id, 'path');
        await gate.run(ctx.caller, 'delete', MCP_COMPONENT, async () => {
          await registry.deleteMcpServer(id);
          return { result: undefined, details: { server: id } };
        });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/v1/allow-lists/:scope',
      handle: async (ctx) => {
        const scope = parseWith(ScopeParamSchema, ctx.params.scope, 'path');
        const read = async () => ({
          result: (await registry.allowLists([scope]))[0] ?? { hosts: [], mcpServers: [] },
        });
        // A tenant reads its own list; platform staff read any list if the policies say so.
        const own = ctx.caller.kind === 'user' && ctx.caller.portal === 'CP' && ctx.caller.tenant === scope;
        const list = own
          ? (await read()).result
          : await gate.run(ctx.caller, 'view', ALLOW_LIST_COMPONENT, read);
        return respond.json({ scope, ...list });
      },
    },
    {
      method: 'PUT',
      path: '/v1/allow-lists/:scope',
      handle: async (ctx) => {
        const scope = parseWith(ScopeParamSchema, ctx.params.scope, 'path');
        const list = parseWith(AllowListBodySchema, ctx.body, 'body');
        await gate.run(ctx.caller, 'update', ALLOW_LIST_COMPONENT, async () => {
          await registry.putAllowList(scope, list, change(ctx.caller));
          return {
            result: undefined,
            details: { scope, hosts: list.hosts.length, mcpServers: list.mcpServers },
          };
        });
        return respond.json({ scope, ...list });
      },
    },
  ];
}
