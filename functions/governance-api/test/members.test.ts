import { type Caller } from '@backbone/shared/core';
import { verifyChain } from '@backbone/shared/audit';
import { staffUser, tenantUser } from '@backbone/shared/testing';
import { governanceHarness } from './harness';

const callers: Record<string, Caller> = {
  governor: staffUser('gov', ['platform_governor']),
  admin: staffUser('adm', ['platform_admin']),
  auditor: staffUser('aud', ['auditor']),
  acmeAdmin: tenantUser('acme-admin', 'acme', ['tenant_admin']),
  acmeUser: tenantUser('acme-user', 'acme'),
  globexAdmin: tenantUser('globex-admin', 'globex', ['tenant_admin']),
  // A customer whose claims name a platform role (a forged or mistaken write): it must count for nothing.
  acmeSelfStyledGovernor: tenantUser('acme-gov', 'acme', ['platform_governor', 'tenant_admin']),
  service: {
    kind: 'service',
    email: 'ops@p.iam.gserviceaccount.com',
    subject: '1',
    roles: ['platform_governor'],
  },
  client: { kind: 'client', keyId: 'k', tenant: 'acme', scopes: ['agents:run'] },
};

function setup() {
  return governanceHarness(callers, new Date('2026-12-02T10:00:00Z'));
}
const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
type As = ReturnType<typeof setup>['as'];
/** `who` adds `email` to `tenant`'s members with `roles`. */
const addMember = (as: As, who: string, tenant: string, email: string, roles: string[]) =>
  as(who, 'POST', `/v1/tenants/${tenant}/members`, { email, roles });

describe('tenant members: invite, roles, removal', () => {
  it('lets a tenant admin invite a colleague, and sets their claims through the identity provider', async () => {
    const { as, directory, audit } = setup();
    const res = await addMember(as, 'acmeAdmin', 'acme', 'Dana@Acme.example', ['billing_admin']);
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({
      uid: 'user1',
      email: 'dana@acme.example',
      tenant: 'acme',
      portal: 'CP',
      roles: ['billing_admin'],
    });
    expect(directory.sent).toEqual([
      { op: 'create', uid: 'user1' },
      { op: 'setClaims', uid: 'user1', claims: { portal: 'CP', tenant: 'acme', roles: ['billing_admin'] } },
    ]);
    const record = audit.entries.at(-1)!;
    expect(record).toMatchObject({
      action: 'governance.create',
      outcome: 'allow',
      target: { type: 'Member' },
    });
    // The audit names the uid, never the e-mail.
    expect(JSON.stringify(audit.entries)).not.toContain('acme.example');
  });

  it('is idempotent: the same invitation again answers 200 and changes nothing', async () => {
    const { as, directory, memberships } = setup();
    const body = { email: 'dana@acme.example', roles: ['billing_admin'] };
    expect((await as('acmeAdmin', 'POST', '/v1/tenants/acme/members', body)).status).toBe(201);
    const first = { ...memberships.memberships.get('user1') };
    expect((await as('acmeAdmin', 'POST', '/v1/tenants/acme/members', body)).status).toBe(200);
    expect(memberships.memberships.get('user1')).toEqual(first);
    expect(directory.sent.filter((s) => s.op === 'create')).toHaveLength(1);
    expect(directory.sent.filter((s) => s.op === 'revokeSessions')).toHaveLength(0);
  });

  it('revokes sessions when a role is taken away, not when one is added', async () => {
    const { as, directory } = setup();
    await as('acmeAdmin', 'POST', '/v1/tenants/acme/members', { email: 'dana@acme.example', roles: [] });
    const grant = await as('acmeAdmin', 'PUT', '/v1/tenants/acme/members/user1', {
      roles: ['billing_admin'],
    });
    expect(grant.json()).toMatchObject({ roles: ['billing_admin'] });
    expect(directory.sent.filter((s) => s.op === 'revokeSessions')).toHaveLength(0);
    const revoke = await as('acmeAdmin', 'PUT', '/v1/tenants/acme/members/user1', { roles: [] });
    expect(revoke.status).toBe(200);
    expect(directory.sent.slice(-2)).toEqual([
      { op: 'setClaims', uid: 'user1', claims: { portal: 'CP', tenant: 'acme', roles: [] } },
      { op: 'revokeSessions', uid: 'user1' },
    ]);
  });

  it('removes a member: claims cleared, sessions ended, no longer listed; a second delete is 404', async () => {
    const { as, directory } = setup();
    await addMember(as, 'acmeAdmin', 'acme', 'dana@acme.example', ['billing_admin']);
    expect((await as('acmeAdmin', 'DELETE', '/v1/tenants/acme/members/user1')).status).toBe(204);
    expect(directory.users.get('user1')!.claims).toBeUndefined();
    expect(directory.sent.at(-1)).toEqual({ op: 'revokeSessions', uid: 'user1' });
    expect((await as('acmeAdmin', 'GET', '/v1/tenants/acme/members')).json()).toEqual({ members: [] });
    expect(code(await as('acmeAdmin', 'DELETE', '/v1/tenants/acme/members/user1'))).toBe('REQ-003');
  });

  it('lists a tenant in uid order, a page at a time', async () => {
    const { as } = setup();
    for (const n of [1, 2, 3])
      await as('acmeAdmin', 'POST', '/v1/tenants/acme/members', { email: `m${n}@acme.example` });
    const first = await as('acmeAdmin', 'GET', '/v1/tenants/acme/members?limit=2');
    expect(first.json()).toMatchObject({ members: [{ uid: 'user1' }, { uid: 'user2' }], next: 'user2' });
    const second = await as('acmeAdmin', 'GET', '/v1/tenants/acme/members?limit=2&after=user2');
    expect(second.json()).toEqual({
      members: [expect.objectContaining({ uid: 'user3', email: 'm3@acme.example' })],
    });
  });

  it('never gives a Customer Portal member a Platform Portal role, nor the reverse', async () => {
    const { as, directory } = setup();
    const cp = await addMember(as, 'acmeAdmin', 'acme', 'x@acme.example', ['platform_governor']);
    expect([cp.status, code(cp)]).toEqual([400, 'REQ-001']);
    const pp = await addMember(as, 'governor', 'platform', 'y@platform.example', ['tenant_admin']);
    expect([pp.status, code(pp)]).toEqual([400, 'REQ-001']);
    expect(directory.sent).toEqual([]);
  });

  it('lets the Platform Governor manage platform members, platform admins only look', async () => {
    const { as } = setup();
    const made = await addMember(as, 'governor', 'platform', 'fin@platform.example', ['finance_analyst']);
    expect(made.status).toBe(201);
    expect((await as('admin', 'GET', '/v1/tenants/platform/members')).status).toBe(200);
    const escalate = await as('admin', 'PUT', '/v1/tenants/platform/members/user1', {
      roles: ['platform_governor'],
    });
    expect([escalate.status, code(escalate)]).toEqual([403, 'POLICY-001']);
    expect(code(await as('auditor', 'GET', '/v1/tenants/platform/members'))).toBe('POLICY-001');
  });

  it('lets a platform admin onboard a customer tenant admin but not list the customer', async () => {
    const { as } = setup();
    const res = await addMember(as, 'admin', 'globex', 'owner@globex.example', ['tenant_admin']);
    expect(res.status).toBe(201);
    expect(code(await as('admin', 'GET', '/v1/tenants/globex/members'))).toBe('POLICY-001');
    // An unknown tenant is not invented.
    expect(code(await as('admin', 'POST', '/v1/tenants/nope/members', { email: 'a@b.example' }))).toBe('REQ-003');
  });

  it.each([
    ['a member of the tenant without tenant_admin', 'acmeUser', 'acme'],
    ['another tenant admin', 'globexAdmin', 'acme'],
    ['a customer whose claims name a platform role', 'acmeSelfStyledGovernor', 'platform'],
    [
      'a platform role claimed by a customer, on its own tenant, without tenant_admin effect lost',
      'acmeSelfStyledGovernor',
      'globex',
    ],
    ['an API key', 'client', 'acme'],
  ])('refuses %s, and changes nothing', async (_what, who, tenant) => {
    const { as, directory, audit } = setup();
    const res = await as(who, 'POST', `/v1/tenants/${tenant}/members`, { email: 'z@example.com', roles: [] });
    expect(res.status).toBe(403);
    expect(['POLICY-001', 'AUTH-002']).toContain(code(res));
    expect(directory.sent).toEqual([]);
    expect(verifyChain(audit.entries).ok).toBe(true);
  });

  it('will not let an admin change or remove themselves, or move a user of another tenant', async () => {
    const { as, directory, memberships } = setup();
    await memberships.put({
      uid: 'acme-admin',
      tenant: 'acme',
      portal: 'CP',
      roles: ['tenant_admin'],
      invitedAt: 'x',
      invitedBy: 'x',
      updatedAt: 'x',
    });
    directory.users.set('acme-admin', {
      uid: 'acme-admin',
      email: 'boss@acme.example',
      claims: { portal: 'CP', tenant: 'acme', roles: ['tenant_admin'] },
    });
    expect(code(await as('acmeAdmin', 'PUT', '/v1/tenants/acme/members/acme-admin', { roles: [] }))).toBe('REQ-008');
    expect(code(await as('acmeAdmin', 'DELETE', '/v1/tenants/acme/members/acme-admin'))).toBe('REQ-008');
    const poach = await as('globexAdmin', 'POST', '/v1/tenants/globex/members', {
      email: 'boss@acme.example',
    });
    expect([poach.status, code(poach)]).toEqual([409, 'REQ-008']);
    // Another tenant's member is absent, not "forbidden": ids do not leak across tenants.
    expect(code(await as('globexAdmin', 'PUT', '/v1/tenants/globex/members/acme-admin', { roles: [] }))).toBe(
      'REQ-003',
    );
    expect(directory.users.get('acme-admin')!.claims).toEqual({
      portal: 'CP',
      tenant: 'acme',
      roles: ['tenant_admin'],
    });
  });

  it.each([
    ['a wrong type', { email: 5 }],
    ['no e-mail', { roles: [] }],
    ['an unknown role', { email: 'a@acme.example', roles: ['root'] }],
    ['an unknown field', { email: 'a@acme.example', tenant: 'globex' }],
    ['a NUL in the e-mail', { email: 'a\u0000@acme.example' }],
    ['a lone surrogate', { email: 'a\ud800@acme.example' }],
    ['a huge e-mail', { email: `${'a'.repeat(300)}@acme.example` }],
    ['deep nesting', { email: 'a@acme.example', roles: [[[[['tenant_admin']]]]] }],
    ['too many roles', { email: 'a@acme.example', roles: Array(50).fill('billing_admin') }],
  ])('answers %s with a 400 problem and changes nothing', async (_what, body) => {
    const { as, directory } = setup();
    const res = await as('acmeAdmin', 'POST', '/v1/tenants/acme/members', body);
    expect([res.status, code(res)]).toEqual([400, 'REQ-001']);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(directory.sent).toEqual([]);
  });

  it.each([
    ['/v1/tenants/ACME/members'],
    ['/v1/tenants/acme%2Fx/members'],
    ['/v1/tenants/acme/members/..%2F..'],
    ['/v1/tenants/acme/members/a%00b'],
  ])('answers a hostile path %s with a 4xx problem', async (path) => {
    const { as } = setup();
    const res = await as('acmeAdmin', path.endsWith('members') ? 'GET' : 'DELETE', path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
