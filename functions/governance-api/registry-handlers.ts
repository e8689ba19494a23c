import { callerId, respond, type Caller, type Clock } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { type RegistryStore } from '@backbone/shared/governance';
import type { GovernanceHandlers } from './routes';

const MCP_COMPONENT = { type: 'Component', id: 'mcp_servers' } as const;
const ALLOW_LIST_COMPONENT = { type: 'Component', id: 'integrations' } as const;

/** The MCP server registry (004§4.1, 004§4.2) and the allow-lists (000#53, 004§4.3). */
export function registryHandlers(deps: { registry: RegistryStore; gate: Gatekeeper; clock: Clock }) {
  const { registry, gate, clock } = deps;
  const change = (caller: Caller) => ({ by: callerId(caller), at: clock.now() });
  return {
    'GET /v1/mcp-servers': async () => respond.json({ servers: await registry.listMcpServers() }),
    'POST /v1/mcp-servers': async (ctx, { body: { id, ...input } }) => {
      const created = await gate.run(ctx.caller, 'create', MCP_COMPONENT, async () => ({
        result: await registry.createMcpServer(id, input, change(ctx.caller)),
        details: { server: id, production: input.production },
      }));
      return respond.json(created, 201, { Location: `/v1/mcp-servers/${id}` });
    },
    'PUT /v1/mcp-servers/:id': async (ctx, { params: { id }, body: input }) => {
      const updated = await gate.run(ctx.caller, 'update', MCP_COMPONENT, async () => ({
        result: await registry.updateMcpServer(id, input, change(ctx.caller)),
        details: { server: id, production: input.production },
      }));
      return respond.json(updated);
    },
    'DELETE /v1/mcp-servers/:id': async (ctx, { params: { id } }) => {
      await gate.run(ctx.caller, 'delete', MCP_COMPONENT, async () => {
        await registry.deleteMcpServer(id);
        return { result: undefined, details: { server: id } };
      });
      return { status: 204 };
    },
    'GET /v1/allow-lists/:scope': async (ctx, { params: { scope } }) => {
      const read = async () => ({
        result: (await registry.allowLists([scope]))[0] ?? { hosts: [], mcpServers: [] },
      });
      // A tenant reads its own list; platform staff read any list if the policies say so.
      const own = ctx.caller.kind === 'user' && ctx.caller.portal === 'CP' && ctx.caller.tenant === scope;
      const list = own ? (await read()).result : await gate.run(ctx.caller, 'view', ALLOW_LIST_COMPONENT, read);
      return respond.json({ scope, ...list });
    },
    'PUT /v1/allow-lists/:scope': async (ctx, { params: { scope }, body: list }) => {
      await gate.run(ctx.caller, 'update', ALLOW_LIST_COMPONENT, async () => {
        await registry.putAllowList(scope, list, change(ctx.caller));
        return {
          result: undefined,
          details: { scope, hosts: list.hosts.length, mcpServers: list.mcpServers },
        };
      });
      return respond.json({ scope, ...list });
    },
  } satisfies Partial<GovernanceHandlers>;
}
