import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderRbacMatrix } from '../src/policy/rbac-matrix';
import {
  DecisionRequestSchema,
  PolicyEngine,
  PolicySetInvalidError,
  type DecisionRequestInput,
} from '../src/policy/policy-engine';
import { DEFAULT_POLICY_SET } from '../src/policy/default-policies';

const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
const decide = (request: DecisionRequestInput) => engine.decide(DecisionRequestSchema.parse(request));
const pp = (roles: string[]) => ({
  type: 'User' as const,
  id: 'u-pp',
  portal: 'PP' as const,
  tenant: 'platform',
  roles,
});
const cp = (tenant: string) => ({
  type: 'User' as const,
  id: `u-${tenant}`,
  portal: 'CP' as const,
  tenant,
  roles: [],
});
const component = (id: string) => ({ type: 'Component' as const, id });
const trial = (actionsToday: number, spendCents = 0) => ({
  trial: { expired: false, actionsToday, actionsPerDay: 100, spendCents, budgetCapCents: 5000 },
});

describe('PolicyEngine with the default policies', () => {
  it('denies by default, with no reason', () => {
    expect(decide({ principal: pp([]), action: 'view', resource: component('agents') })).toMatchObject({
      decision: 'deny',
      reasons: [],
    });
  });

  it.each([
    ['an auditor views agents', ['auditor'], 'view', 'agents', 'allow', ['rbac-auditor-view']],
    ['an auditor cannot update agents', ['auditor'], 'update', 'agents', 'deny', []],
    [
      'support inherits view and updates incidents',
      ['support_agent'],
      'update',
      'incidents',
      'allow',
      ['rbac-support-incidents'],
    ],
    [
      'an admin deletes MCP servers (wildcard over actions)',
      ['platform_admin'],
      'delete',
      'mcp_servers',
      'allow',
      ['rbac-admin-operations'],
    ],
    [
      'an admin inherits support rights',
      ['platform_admin'],
      'create',
      'incidents',
      'allow',
      ['rbac-admin-operations', 'rbac-support-incidents'],
    ],
    ['an admin cannot change policies', ['platform_admin'], 'update', 'policies', 'deny', []],
    [
      'a deputy governor approves',
      ['deputy_governor'],
      'approve',
      'agents',
      'allow',
      ['rbac-admin-operations', 'rbac-governor-approve'],
    ],
    [
      'the platform governor overrides',
      ['platform_governor'],
      'override',
      'agents',
      'allow',
      ['rbac-admin-operations', 'rbac-platform-governor-all'],
    ],
  ])('%s', (_what, roles, action, id, decision, reasons) => {
    expect(decide({ principal: pp(roles), action: action as 'view', resource: component(id) })).toMatchObject({
      decision,
      reasons,
    });
  });

  it.each([
    ['an audit log update, even by the platform governor', 'update', 'deny-audit-log-changes'],
    ['an audit log delete', 'delete', 'deny-audit-log-changes'],
  ])('lets an explicit deny win: %s', (_what, action, forbid) => {
    expect(
      decide({
        principal: pp(['platform_governor']),
        action: action as 'update',
        resource: component('audit_logs'),
      }),
    ).toEqual({
      decision: 'deny',
      reasons: [forbid],
      obligations: [],
      policyVersion: 'builtin-8',
    });
  });

  it('keeps an override from a deputy governor', () => {
    expect(
      decide({ principal: pp(['deputy_governor']), action: 'override', resource: component('agents') }),
    ).toMatchObject({ decision: 'deny', reasons: ['deny-override-without-governor'] });
  });

  describe('customer data sovereignty (000#52)', () => {
    const data = (tenant: string) => ({ type: 'CustomerData' as const, id: 'd1', tenant });
    it('lets a tenant read its own data', () =>
      expect(decide({ principal: cp('acme'), action: 'view', resource: data('acme') }).decision).toBe('allow'));
    it('denies another tenant', () =>
      expect(decide({ principal: cp('globex'), action: 'view', resource: data('acme') }).decision).toBe('deny'));
    it('denies every Platform Portal user, the governor included', () =>
      expect(decide({ principal: pp(['platform_governor']), action: 'view', resource: data('acme') })).toMatchObject({
        decision: 'deny',
        reasons: ['deny-platform-portal-customer-data'],
      }));
  });

  describe('agents (004§1.3, 000#55)', () => {
    const agent = (tenant: string, status = 'deployed') =>
      ({ type: 'Agent', id: 'a1', tenant, status, certified: status === 'deployed' }) as const;
    const admin = (tenant: string) => ({ ...cp(tenant), roles: ['tenant_admin' as const] });
    it.each(['delete', 'deploy'] as const)("lets a tenant's admin %s its own agent", (action) =>
      expect(decide({ principal: admin('acme'), action, resource: agent('acme') })).toMatchObject({
        decision: 'allow',
        reasons: ['tenant-admin-deploys-own-agents'],
      }),
    );
    it.each(['delete', 'deploy'] as const)('refuses %s to a tenant user without the admin role', (action) =>
      expect(decide({ principal: cp('acme'), action, resource: agent('acme') })).toMatchObject({
        decision: 'deny',
        reasons: [],
      }),
    );
    it("never lets a tenant's admin delete another tenant's agent", () =>
      expect(decide({ principal: admin('globex'), action: 'delete', resource: agent('acme') })).toMatchObject({
        decision: 'deny',
        reasons: ['deny-cross-tenant-agents'],
      }));
    it.each([
      ['suspended', ['deny-agent-suspended']],
      ['certified', ['deny-agent-not-deployed']],
      ['unknown', ['deny-agent-not-deployed']],
      ['retired', ['deny-agent-not-deployed']],
    ])('refuses to run a %s agent, naming why', (status, reasons) =>
      expect(decide({ principal: cp('acme'), action: 'run', resource: agent('acme', status) })).toMatchObject({
        decision: 'deny',
        reasons,
      }),
    );
    it('lets platform staff view, certify and suspend agents by role, and nothing of the tenant', () => {
      const staff = (role: Parameters<typeof pp>[0][number], action: 'view' | 'approve' | 'suspend' | 'update') =>
        decide({ principal: pp([role]), action, resource: agent('acme') }).decision;
      expect([staff('auditor', 'view'), staff('auditor', 'approve'), staff('auditor', 'suspend')]).toEqual([
        'allow',
        'deny',
        'deny',
      ]);
      expect([staff('industry_manager', 'approve'), staff('industry_manager', 'suspend')]).toEqual(['allow', 'deny']);
      expect([staff('platform_admin', 'suspend'), staff('platform_governor', 'update')]).toEqual(['allow', 'deny']);
      expect(decide({ principal: cp('acme'), action: 'suspend', resource: agent('acme') }).decision).toBe('deny');
    });
  });

  describe('trial limits (000#5)', () => {
    const run = (context: object) =>
      decide({
        principal: cp('acme'),
        action: 'run',
        resource: { type: 'Agent', id: 'a1', tenant: 'acme', status: 'deployed', certified: true },
        context,
      });
    it('allows the last action under the daily limit', () => expect(run(trial(99)).decision).toBe('allow'));
    it('denies at the limit', () =>
      expect(run(trial(100))).toMatchObject({
        decision: 'deny',
        reasons: ['deny-trial-over-daily-actions'],
      }));
    it('denies past the budget cap', () =>
      expect(run(trial(1, 5000))).toMatchObject({ decision: 'deny', reasons: ['deny-trial-over-budget'] }));
    it('denies every run of an expired trial', () =>
      expect(run({ trial: { ...trial(0).trial, expired: true } })).toMatchObject({
        decision: 'deny',
        reasons: ['deny-trial-expired'],
      }));
    it('denies a trial tenant a production call even when allow-listed', () =>
      expect(
        decide({
          principal: cp('acme'),
          action: 'call',
          resource: { type: 'ExternalHost', id: 'api.bank.example', production: true },
          context: { ...trial(0), allowListed: true },
        }),
      ).toMatchObject({
        decision: 'deny',
        reasons: ['deny-trial-production-calls'],
      }));
  });

  describe('API keys (004§2.2)', () => {
    const key = (tenant: string) => ({ type: 'ApiKey' as const, id: 'k1', tenant });
    it.each([
      ['its own tenant user creates', cp('acme'), 'create', 'acme', 'allow'],
      ['its own tenant user revokes', cp('acme'), 'delete', 'acme', 'allow'],
      ["another tenant's user", cp('globex'), 'create', 'acme', 'deny'],
      ['a platform governor', pp(['platform_governor']), 'view', 'acme', 'deny'],
    ])('%s -> %s', (_what, principal, action, tenant, expected) =>
      expect(decide({ principal, action: action as 'view', resource: key(tenant as string) }).decision).toBe(expected),
    );
  });

  describe('allow-lists (000#53)', () => {
    const call = (allowListed?: boolean) =>
      decide({
        principal: cp('acme'),
        action: 'call',
        resource: { type: 'McpServer', id: 'mcp.example', production: false },
        context: allowListed === undefined ? {} : { allowListed },
      });
    it('denies a server not on any list', () => expect(call(false).decision).toBe('deny'));
    it('denies when nobody said', () => expect(call().decision).toBe('deny'));
    it('allows a listed server', () =>
      expect(call(true)).toMatchObject({ decision: 'allow', reasons: ['permit-allow-listed-calls'] }));
  });
});

describe('PolicyEngine.load', () => {
  it.each([
    ['a syntax error', 'permit (principal, action, resource'],
    ['an unknown entity type', 'permit (principal is Backbone::Robot, action, resource);'],
    [
      'an attribute the schema lacks',
      'permit (principal is Backbone::User, action, resource) when { principal.salary > 5 };',
    ],
  ])('refuses %s', (_what, text) => {
    expect(() =>
      PolicyEngine.load({
        ...DEFAULT_POLICY_SET,
        version: 'bad',
        files: { ...DEFAULT_POLICY_SET.files, 'extra.cedar': text },
      }),
    ).toThrow(PolicySetInvalidError);
  });
});

describe('docs/rbac-matrix.md', () => {
  it('is what the policies decide (regenerate with `npm run rbac:matrix`)', () => {
    expect(readFileSync(path.join(__dirname, '..', '..', 'docs', 'rbac-matrix.md'), 'utf8')).toBe(
      renderRbacMatrix(engine),
    );
  });
});

describe('roles count only in their own portal', () => {
  const member = (tenant: string, portal: 'CP' | 'PP') => ({
    type: 'Member' as const,
    id: 'm1',
    tenant,
    portal,
  });

  it('gives a Customer Portal user nothing for a platform role in their claims', () => {
    const forged = { ...cp('acme'), roles: ['platform_governor'] };
    for (const action of ['view', 'update', 'override'] as const)
      expect(decide({ principal: forged, action, resource: component('policies') }).decision).toBe('deny');
    expect(decide({ principal: forged, action: 'create', resource: member('platform', 'PP') })).toMatchObject({
      decision: 'deny',
      reasons: ['deny-customer-touching-other-memberships'],
    });
  });

  it('gives a Platform Portal user nothing for a customer role', () => {
    expect(
      decide({ principal: pp(['tenant_admin']), action: 'create', resource: member('platform', 'PP') }).decision,
    ).toBe('deny');
    expect(decide({ principal: pp(['tenant_admin']), action: 'view', resource: member('acme', 'CP') }).decision).toBe(
      'deny',
    );
  });

  it.each([
    [
      'a tenant admin manages its own members',
      { ...cp('acme'), roles: ['tenant_admin'] },
      'update',
      member('acme', 'CP'),
      'allow',
    ],
    ['a billing admin does not', { ...cp('acme'), roles: ['billing_admin'] }, 'update', member('acme', 'CP'), 'deny'],
    [
      'a tenant admin cannot reach another tenant',
      { ...cp('acme'), roles: ['tenant_admin'] },
      'view',
      member('globex', 'CP'),
      'deny',
    ],
    ['the governor manages platform members', pp(['platform_governor']), 'delete', member('platform', 'PP'), 'allow'],
    ['an admin views platform members', pp(['platform_admin']), 'view', member('platform', 'PP'), 'allow'],
    ['an admin cannot grant platform roles', pp(['platform_admin']), 'update', member('platform', 'PP'), 'deny'],
    ['an admin invites a customer tenant member', pp(['platform_admin']), 'create', member('acme', 'CP'), 'allow'],
    ['an admin cannot list a customer tenant', pp(['platform_admin']), 'view', member('acme', 'CP'), 'deny'],
  ])('%s', (_what, principal, action, resource, decision) => {
    expect(decide({ principal, action, resource } as DecisionRequestInput).decision).toBe(decision);
  });
});
