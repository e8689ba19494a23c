/** The Platform Portal's 7 roles (000#13), each listing the roles whose permissions it inherits. */
export const ROLE_INHERITS = {
  platform_governor: ['deputy_governor'],
  deputy_governor: ['platform_admin'],
  platform_admin: ['industry_manager', 'finance_analyst', 'support_agent'],
  industry_manager: ['auditor'],
  finance_analyst: ['auditor'],
  support_agent: ['auditor'],
  auditor: [],
} as const satisfies Record<string, readonly string[]>;
export type PlatformRole = keyof typeof ROLE_INHERITS;
export const PLATFORM_ROLES = Object.keys(ROLE_INHERITS) as PlatformRole[];

/**
 * The Customer Portal's roles, held within one tenant: `tenant_admin` manages the tenant's members
 * (and holds every customer role); `billing_admin` manages its plan. A Customer Portal user without
 * a role still uses the tenant's agents, data and API keys.
 */
export const CUSTOMER_ROLE_INHERITS = {
  tenant_admin: ['billing_admin'],
  billing_admin: [],
} as const satisfies Record<string, readonly string[]>;
export type CustomerRole = keyof typeof CUSTOMER_ROLE_INHERITS;
export const CUSTOMER_ROLES = Object.keys(CUSTOMER_ROLE_INHERITS) as CustomerRole[];

export type Role = PlatformRole | CustomerRole;
export const ALL_ROLES: Role[] = [...PLATFORM_ROLES, ...CUSTOMER_ROLES];
const INHERITS: Record<Role, readonly Role[]> = { ...ROLE_INHERITS, ...CUSTOMER_ROLE_INHERITS };

/** What a role inherits, whichever portal it belongs to. */
export function inheritedRoles(role: Role): readonly Role[] {
  return INHERITS[role];
}

/** The roles a principal of a portal can hold: platform roles count only in the Platform Portal, customer roles only in the Customer Portal. */
export function rolesOfPortal(portal: 'CP' | 'PP'): readonly Role[] {
  return portal === 'PP' ? PLATFORM_ROLES : CUSTOMER_ROLES;
}

/** The tenant that Platform Portal users belong to; no customer tenant can take this id. */
export const PLATFORM_TENANT = 'platform';

/** The Platform Portal's 9 components. */
export const COMPONENTS = [
  'agents',
  'integrations',
  'mcp_servers',
  'subscriptions',
  'health',
  'incidents',
  'knowledge',
  'audit_logs',
  'policies',
] as const;
export type Component = (typeof COMPONENTS)[number];

export const ACTIONS = [
  'view',
  'create',
  'update',
  'delete',
  'approve',
  'override',
  'run',
  'call',
  'deploy',
  'suspend',
] as const;
export type PolicyAction = (typeof ACTIONS)[number];
