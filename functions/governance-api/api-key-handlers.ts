import { respond, type ApiKeys, type Caller } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import type { GovernanceHandlers } from './routes';

/** The tenant whose keys a caller manages: its own (the PEP then decides whether it may). */
function tenantOf(caller: Caller): string {
  return caller.kind === 'user' ? caller.tenant : '-';
}

/**
 * A tenant's API keys (004§2.2): the secret is in the answer to create and rotate only; lists
 * show the prefix and metadata. Keys of another tenant are reported as absent.
 */
export function apiKeyHandlers(deps: { apiKeys: ApiKeys; gate: Gatekeeper }) {
  const { apiKeys, gate } = deps;
  const resource = (caller: Caller, id = '*') => ({ type: 'ApiKey' as const, id, tenant: tenantOf(caller) });
  return {
    'GET /v1/api-keys': async (ctx) => {
      const keys = await gate.run(ctx.caller, 'view', resource(ctx.caller), async () => ({
        result: await apiKeys.list(tenantOf(ctx.caller)),
      }));
      return respond.json({ keys });
    },
    'POST /v1/api-keys': async (ctx, { body: input }) => {
      const created = await gate.run(ctx.caller, 'create', resource(ctx.caller), async () => {
        const made = await apiKeys.create({ tenant: tenantOf(ctx.caller), ...input });
        return { result: made, details: { keyId: made.summary.keyId, scopes: made.summary.scopes } };
      });
      return respond.json({ ...created.summary, key: created.key }, 201, { 'Cache-Control': 'no-store' });
    },
    'POST /v1/api-keys/:id/rotate': async (ctx, { params: { id }, body: { overlapHours } }) => {
      const rotated = await gate.run(ctx.caller, 'update', resource(ctx.caller, id), async () => {
        const next = await apiKeys.rotate(tenantOf(ctx.caller), id, overlapHours);
        return { result: next, details: { replaced: id, keyId: next.summary.keyId, overlapHours } };
      });
      return respond.json({ ...rotated.summary, key: rotated.key }, 201, { 'Cache-Control': 'no-store' });
    },
    'DELETE /v1/api-keys/:id': async (ctx, { params: { id } }) => {
      await gate.run(ctx.caller, 'delete', resource(ctx.caller, id), async () => {
        await apiKeys.revoke(tenantOf(ctx.caller), id);
        return { result: undefined };
      });
      return { status: 204 };
    },
  } satisfies Partial<GovernanceHandlers>;
}
