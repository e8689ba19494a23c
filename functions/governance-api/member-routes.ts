import { parseWith, respond, type Caller, type Route } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { portalOfTenant, type TenantMembers } from './members/service';
import {
  MemberInviteSchema,
  MemberListQuerySchema,
  MemberRolesSchema,
  MemberUidParamSchema,
  TenantIdParamSchema,
} from './schema';

/** Who acts, as the membership record keeps it (the Gatekeeper refuses every caller that is not a user or service). */
const actorOf = (caller: Caller) =>
  caller.kind === 'user' ? caller.uid : caller.kind === 'service' ? caller.email : '-';

/**
 * A tenant's members and their roles. Every call is decided by policy on the membership (its
 * tenant and portal) and audited without personal data: the audit names uids, never e-mails.
 */
export function memberRoutes(deps: { members: TenantMembers; gate: Gatekeeper }): Route[] {
  const { members, gate } = deps;
  const resource = (tenant: string, id = '*') =>
    ({ type: 'Member', id, tenant, portal: portalOfTenant(tenant) }) as const;
  return [
    {
      method: 'GET',
      path: '/v1/tenants/:tenant/members',
      handle: async (ctx) => {
        const tenant = parseWith(TenantIdParamSchema, ctx.params.tenant, 'path');
        const page = parseWith(MemberListQuerySchema, Object.fromEntries(ctx.query), 'query');
        const listed = await gate.run(ctx.caller, 'view', resource(tenant), async () => ({
          result: await members.list(tenant, page),
        }));
        return respond.json({ members: listed.members, ...(listed.next ? { next: listed.next } : {}) });
      },
    },
    {
      method: 'POST',
      path: '/v1/tenants/:tenant/members',
      handle: async (ctx) => {
        const tenant = parseWith(TenantIdParamSchema, ctx.params.tenant, 'path');
        const { email, roles } = parseWith(MemberInviteSchema, ctx.body, 'body');
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
    },
    {
      method: 'PUT',
      path: '/v1/tenants/:tenant/members/:uid',
      handle: async (ctx) => {
        const tenant = parseWith(TenantIdParamSchema, ctx.params.tenant, 'path');
        const uid = parseWith(MemberUidParamSchema, ctx.params.uid, 'path');
        const { roles } = parseWith(MemberRolesSchema, ctx.body, 'body');
        const changed = await gate.run(ctx.caller, 'update', resource(tenant, uid), async () => {
          const done = await members.setRoles(actorOf(ctx.caller), tenant, uid, roles);
          return {
            result: done,
            details: { tenant, uid, roles: done.member.roles, removedRoles: done.removedRoles },
          };
        });
        return respond.json(changed.member);
      },
    },
    {
      method: 'DELETE',
      path: '/v1/tenants/:tenant/members/:uid',
      handle: async (ctx) => {
        const tenant = parseWith(TenantIdParamSchema, ctx.params.tenant, 'path');
        const uid = parseWith(MemberUidParamSchema, ctx.params.uid, 'path');
        await gate.run(ctx.caller, 'delete', resource(tenant, uid), async () => {
          const { roles } = await members.remove(actorOf(ctx.caller), tenant, uid);
          return { result: undefined, details: { tenant, uid, removedRoles: roles } };
        });
        return { status: 204 };
      },
    },
  ];
}
