import {
  ConflictError,
  NotFoundError,
  PLATFORM_TENANT,
  rolesOfPortal,
  ValidationError,
  type Clock,
  type Role,
} from '@backbone/shared/core';
import type { DirectoryUser, Membership, MembershipStore, UserDirectory } from './ports';

/** What the API shows of a member. */
export interface MemberView {
  uid: string;
  email?: string;
  tenant: string;
  portal: 'CP' | 'PP';
  roles: Role[];
  invitedAt: string;
  updatedAt: string;
}

/** The portal a tenant's members sign in to: tenant "platform" is the Platform Portal's, every other is a customer's. */
export function portalOfTenant(tenant: string): 'CP' | 'PP' {
  return tenant === PLATFORM_TENANT ? 'PP' : 'CP';
}

/**
 * Tenant membership: the membership record is written first and the claims after, and each step
 * sets a desired state, so a retry after a crash between them completes the change. Removing a
 * role ends the user's sessions, so it stops working at once (ID tokens are checked for revocation).
 */
export class TenantMembers {
  constructor(private readonly deps: { directory: UserDirectory; memberships: MembershipStore; clock: Clock }) {}

  async invite(
    actor: string,
    tenant: string,
    email: string,
    roles: Role[],
  ): Promise<{ member: MemberView; created: boolean; removedRoles: Role[] }> {
    const portal = portalOfTenant(tenant);
    const granted = this.checkRoles(portal, roles);
    if (portal === 'CP' && !(await this.deps.memberships.tenantExists(tenant)))
      throw new NotFoundError(`No tenant '${tenant}'.`);
    const { user } = await this.deps.directory.findOrCreate(email);
    if (user.uid === actor) throw new ConflictError('You cannot change your own membership; ask another admin.');
    if (user.claims?.tenant && user.claims.tenant !== tenant)
      throw new ConflictError('This user already belongs to another tenant.');
    return this.apply(user, { tenant, portal, roles: granted, actor });
  }

  async setRoles(
    actor: string,
    tenant: string,
    uid: string,
    roles: Role[],
  ): Promise<{ member: MemberView; removedRoles: Role[] }> {
    const portal = portalOfTenant(tenant);
    const granted = this.checkRoles(portal, roles);
    if (uid === actor) throw new ConflictError('You cannot change your own roles; ask another admin.');
    await this.memberOf(tenant, uid);
    const user = await this.deps.directory.get(uid);
    if (!user) throw new NotFoundError(`No member '${uid}' in tenant '${tenant}'.`);
    const { member, removedRoles } = await this.apply(user, { tenant, portal, roles: granted, actor });
    return { member, removedRoles };
  }

  async remove(actor: string, tenant: string, uid: string): Promise<{ roles: Role[] }> {
    if (uid === actor) throw new ConflictError('You cannot remove yourself; ask another admin.');
    const membership = await this.memberOf(tenant, uid);
    // Claims and sessions first: once the record is gone a retry could no longer find them.
    if (await this.deps.directory.get(uid)) {
      await this.deps.directory.setClaims(uid, null);
      await this.deps.directory.revokeSessions(uid);
    }
    await this.deps.memberships.delete(uid);
    return { roles: membership.roles };
  }

  async list(
    tenant: string,
    page: { after?: string; limit: number },
  ): Promise<{ members: MemberView[]; next?: string }> {
    const memberships = await this.deps.memberships.list(tenant, {
      after: page.after,
      limit: page.limit + 1,
    });
    const shown = memberships.slice(0, page.limit);
    const users = await this.deps.directory.getMany(shown.map((m) => m.uid));
    return {
      members: shown.map((m) => viewOf(m, users.get(m.uid))),
      ...(memberships.length > page.limit ? { next: shown.at(-1)!.uid } : {}),
    };
  }

  private checkRoles(portal: 'CP' | 'PP', roles: Role[]): Role[] {
    const allowed = rolesOfPortal(portal);
    const foreign = roles.filter((r) => !allowed.includes(r));
    if (foreign.length > 0)
      throw new ValidationError(
        `A ${portal === 'PP' ? 'Platform' : 'Customer'} Portal member cannot hold ${foreign.join(', ')}.`,
        foreign.map((r) => ({ path: 'roles', message: `${r} is not a role of the ${portal} portal` })),
      );
    return [...new Set(roles)].sort();
  }

  private async memberOf(tenant: string, uid: string): Promise<Membership> {
    const membership = await this.deps.memberships.get(uid);
    // Another tenant's member is reported as absent, like every cross-tenant id.
    if (!membership || membership.tenant !== tenant)
      throw new NotFoundError(`No member '${uid}' in tenant '${tenant}'.`);
    return membership;
  }

  private async apply(
    user: DirectoryUser,
    target: { tenant: string; portal: 'CP' | 'PP'; roles: Role[]; actor: string },
  ): Promise<{ member: MemberView; created: boolean; removedRoles: Role[] }> {
    const now = this.deps.clock.now().toISOString();
    const { created, previous } = await this.deps.memberships.put({
      uid: user.uid,
      tenant: target.tenant,
      portal: target.portal,
      roles: target.roles,
      invitedAt: now,
      invitedBy: target.actor,
      updatedAt: now,
    });
    const before = new Set<Role>([...(previous?.roles ?? []), ...((user.claims?.roles ?? []) as Role[])]);
    await this.deps.directory.setClaims(user.uid, {
      portal: target.portal,
      tenant: target.tenant,
      roles: target.roles,
    });
    const removedRoles = [...before].filter((r) => !target.roles.includes(r)).sort();
    if (removedRoles.length > 0) await this.deps.directory.revokeSessions(user.uid);
    const stored = (await this.deps.memberships.get(user.uid))!;
    return { member: viewOf(stored, user), created, removedRoles };
  }
}

function viewOf(m: Membership, user: DirectoryUser | undefined): MemberView {
  return {
    uid: m.uid,
    ...(user?.email ? { email: user.email } : {}),
    tenant: m.tenant,
    portal: m.portal,
    roles: m.roles,
    invitedAt: m.invitedAt,
    updatedAt: m.updatedAt,
  };
}
