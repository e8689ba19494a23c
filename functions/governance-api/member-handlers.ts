import { respond, type Caller } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { portalOfTenant, type TenantMembers } from './members/service';
import type { GovernanceHandlers } from './routes';

/** Who acts, as the membership record keeps it (the Gatekeeper refuses every caller that is not a user or service). */
const actorOf = (caller: Caller) =>
  caller.kind === 'user' ? caller.uid : caller.kind === 'service' ? caller.email : '-';

/**
 * A tenant's members and their roles. Every call is decided by policy on the membership (its
 * tenant and portal) and audited without personal data: the audit names uids, never e-mails.
 */
export function memberHandlers(deps: { members: TenantMembers; gate: Gatekeeper }) {
  const { members, gate } = deps;
  const resource = (tenant: string, id = '*') =>
    ({ type: 'Member', id, tenant, portal: portalOfTenant(tenant) }) as const;
  return {
    'GET /v1/tenants/:tenant/members': async (ctx, { params: { tenant }, query: page }) => {
      const listed = await gate.run(ctx.caller, 'view', resource(tenant), async () => ({
        result: await members.list(tenant, page),
      }));
      return respond.json({ members: listed.members, ...(listed.next ? { next: listed.next } : {}) });
    },
    'POST /v1/tenants/:tenant/members': async (ctx, { params: { tenant }, body: { email, roles } }) => {
      const invited = await gate.run(ctx.caller, 'create', resource(tenant), async () => {
        const done = await members.invite(actorOf(ctx.caller), tenant, email, roles);
        return {
          result: done,
          details: {
            tenant,
            uid: done.member.uid,
            roles: done.member.roles,
            removedRoles: done.removedRoles,
            created: done.created,
          },
        };
      });
      return respond.json(invited.member, invited.created ? 201 : 200);
    },
    'PUT /v1/tenants/:tenant/members/:uid': async (ctx, { params: { tenant, uid }, body: { roles } }) => {
      const changed = await gate.run(ctx.caller, 'update', resource(tenant, uid), async () => {
        const done = await members.setRoles(actorOf(ctx.caller), tenant, uid, roles);
        return {
          result: done,
          details: { tenant, uid, roles: done.member.roles, removedRoles: done.removedRoles },
        };
      });
      return respond.json(changed.member);
    },
    'DELETE /v1/tenants/:tenant/members/:uid': async (ctx, { params: { tenant, uid } }) => {
      await gate.run(ctx.caller, 'delete', resource(tenant, uid), async () => {
        const { roles } = await members.remove(actorOf(ctx.caller), tenant, uid);
        return { result: undefined, details: { tenant, uid, removedRoles: roles } };
      });
      return { status: 204 };
    },
  } satisfies Partial<GovernanceHandlers>;
}
