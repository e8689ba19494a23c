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

export const ACTIONS = ['view', 'create', 'update', 'delete', 'approve', 'override', 'run', 'call'] as const;
export type PolicyAction = (typeof ACTIONS)[number];
