import type { Caller } from '../core/auth/caller';

/** A signed-in Platform Portal user (tenant `platform`) with these roles. */
export const staffUser = (uid: string, roles: string[]): Caller => ({
  kind: 'user',
  uid,
  portal: 'PP',
  tenant: 'platform',
  roles,
});

/** A signed-in Customer Portal user of `tenant` with these roles (none: a plain member). */
export const tenantUser = (uid: string, tenant: string, roles: string[] = []): Caller => ({
  kind: 'user',
  uid,
  portal: 'CP',
  tenant,
  roles,
});
