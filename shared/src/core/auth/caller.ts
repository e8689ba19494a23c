import { z } from 'zod';
import { ALL_ROLES, type Role } from './roles';

/** Who is calling, once their credentials are verified. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      uid: string;
      portal: 'CP' | 'PP';
      tenant: string;
      roles: string[];
      email?: string;
      /** When the user last signed in (the ID token's `auth_time`). */
      authTime?: Date;
    }
  /** A Google service identity; `roles` are the Platform Portal roles its environment grants it. */
  | { kind: 'service'; email: string; subject: string; roles?: string[] }
  /** A tenant's machine client, identified by an API key (004§2.2). */
  | { kind: 'client'; keyId: string; tenant: string; scopes: string[] };

/** The custom claims Backbone sets on Firebase Auth users (roles and tenant live there). */
export const UserClaimsSchema = z.object({
  // Each portal's roles are kept apart by the policy engine; the claims may name either kind.
  portal: z.enum(['CP', 'PP']),
  tenant: z.string().min(1),
  roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])).default([]),
});

/** Who may call a route: anyone, or verified callers of the listed kinds. */
export const ROUTE_ACCESS = ['public', 'user', 'service', 'client'] as const;
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

/** A route's access as a list (a manifest may give one kind or several). */
export function accessList(access: RouteAccess | readonly RouteAccess[] | undefined): RouteAccess[] {
  if (access === undefined) return ['public'];
  return typeof access === 'string' ? [access] : [...access];
}

/** The tenant a caller acts for, if any (services act for none). */
export function tenantOf(caller: Caller): string | undefined {
  return caller.kind === 'user' || caller.kind === 'client' ? caller.tenant : undefined;
}

/** A stable, non-personal id for logs, audit records and rate-limit keys. */
export function callerId(caller: Caller): string {
  switch (caller.kind) {
    case 'user':
      return `user:${caller.uid}`;
    case 'service':
      return `service:${caller.email}`;
    case 'client':
      return `key:${caller.keyId}`;
    case 'anonymous':
      return 'anonymous';
  }
}
