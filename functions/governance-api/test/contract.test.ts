// Every governance-api route called through the client generated from its OpenAPI document
// (openapi/governance-api.d.ts); the client checks each answer against the route's contract
// (success body, documented status, named error code), so the published document is proven true.
import { type Caller } from '@backbone/shared/core';
import { contractClient, staffUser, tenantUser } from '@backbone/shared/testing';
import type { paths } from '../../../openapi/governance-api';
import { governanceHarness } from './harness';
import { routes } from '../routes';

const callers: Record<string, Caller> = {
  governor: staffUser('gov', ['platform_governor']),
  admin: staffUser('adm', ['platform_admin']),
  auditor: staffUser('aud', ['auditor']),
  acmeAdmin: tenantUser('acme-admin', 'acme', ['tenant_admin']),
  acme: tenantUser('acme-owner', 'acme'),
};

function setup() {
  const harness = governanceHarness(callers, new Date('2026-12-03T10:00:00Z'));
  const as = (who: string) => contractClient<paths>(routes, harness.handler, { authorization: `Bearer ${who}` });
  return { ...harness, as };
}

const server = { name: 'GitHub', url: 'https://mcp.github.example', production: true };

describe('governance-api by its OpenAPI client', () => {
  it('manages the MCP registry and the allow-lists', async () => {
    const admin = setup().as('admin');
    const created = await admin.POST('/v1/mcp-servers', { body: { id: 'github', ...server } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ id: 'github', production: true, updatedBy: 'user:adm' });
    const updated = await admin.PUT('/v1/mcp-servers/{id}', {
      params: { path: { id: 'github' } },
      body: { ...server, production: false },
    });
    expect(updated.data?.production).toBe(false);
    expect((await admin.GET('/v1/mcp-servers')).data?.servers.map((s) => s.id)).toEqual(['github']);
    const list = { hosts: [{ host: 'api.example.com', sandbox: true }], mcpServers: ['github'] };
    const put = await admin.PUT('/v1/allow-lists/{scope}', {
      params: { path: { scope: 'acme' } },
      body: list,
    });
    expect(put.data).toEqual({ scope: 'acme', ...list });
    const own = await setup()
      .as('acme')
      .GET('/v1/allow-lists/{scope}', { params: { path: { scope: 'acme' } } });
    expect(own.data).toEqual({ scope: 'acme', hosts: [], mcpServers: [] });
    const removed = await admin.DELETE('/v1/mcp-servers/{id}', { params: { path: { id: 'github' } } });
    expect(removed.response.status).toBe(204);
    const again = await admin.DELETE('/v1/mcp-servers/{id}', { params: { path: { id: 'github' } } });
    expect([again.response.status, again.error]).toEqual([404, expect.objectContaining({ code: 'REQ-003' })]);
  });

  it("issues, lists, rotates and revokes a tenant's API keys", async () => {
    const acmeAdmin = setup().as('acmeAdmin');
    const made = await acmeAdmin.POST('/v1/api-keys', { body: { name: 'ci', scopes: ['billing:read'] } });
    expect(made.response.status).toBe(201);
    expect(made.data?.key).toMatch(/^bb_test_/);
    const keyId = made.data!.keyId;
    const listed = await acmeAdmin.GET('/v1/api-keys');
    expect(listed.data?.keys).toEqual([expect.objectContaining({ keyId, tenant: 'acme', revokedAt: null })]);
    expect(JSON.stringify(listed.data)).not.toContain(made.data!.key);
    const rotated = await acmeAdmin.POST('/v1/api-keys/{id}/rotate', {
      params: { path: { id: keyId } },
      body: { overlapHours: 1 },
    });
    expect(rotated.data?.keyId).not.toBe(keyId);
    const revoked = await acmeAdmin.DELETE('/v1/api-keys/{id}', {
      params: { path: { id: rotated.data!.keyId } },
    });
    expect(revoked.response.status).toBe(204);
  });

  it("extends a trial only by the Governor's override, and reads the audit of it", async () => {
    const { as, trials, clock } = setup();
    const endsAt = new Date(clock.now().getTime() + 86_400_000);
    trials.trials.set('globex', { startedAt: clock.now(), endsAt, actionsPerDay: 100, budgetCapCents: 5000 });
    const body = { days: 7, reason: 'Customer asked for a longer evaluation' };
    const denied = await as('admin').POST('/v1/trials/{tenant}/extend', {
      params: { path: { tenant: 'globex' } },
      body,
    });
    expect([denied.response.status, denied.error?.code]).toEqual([403, 'POLICY-001']);
    const extended = await as('governor').POST('/v1/trials/{tenant}/extend', {
      params: { path: { tenant: 'globex' } },
      body,
    });
    expect(extended.data).toEqual({
      tenant: 'globex',
      endsAt: new Date(endsAt.getTime() + 7 * 86_400_000).toISOString(),
      previousEndsAt: endsAt.toISOString(),
    });
    const read = await as('auditor').GET('/v1/audit/records', { params: { query: { limit: 10 } } });
    expect(read.data?.records.map((r) => [r.action, r.outcome])).toEqual([
      ['governance.override', 'deny'],
      ['governance.override', 'allow'],
    ]);
    expect(read.data?.next).toBeNull();
  });

  it("invites a tenant's member, changes their roles and removes them", async () => {
    const acmeAdmin = setup().as('acmeAdmin');
    const tenant = { tenant: 'acme' };
    const invited = await acmeAdmin.POST('/v1/tenants/{tenant}/members', {
      params: { path: tenant },
      body: { email: 'Dana@Acme.example', roles: [] },
    });
    expect(invited.response.status).toBe(201);
    expect(invited.data).toMatchObject({
      email: 'dana@acme.example',
      tenant: 'acme',
      portal: 'CP',
      roles: [],
    });
    const uid = invited.data!.uid;
    const changed = await acmeAdmin.PUT('/v1/tenants/{tenant}/members/{uid}', {
      params: { path: { ...tenant, uid } },
      body: { roles: ['billing_admin'] },
    });
    expect(changed.data?.roles).toEqual(['billing_admin']);
    const listed = await acmeAdmin.GET('/v1/tenants/{tenant}/members', { params: { path: tenant } });
    expect(listed.data?.members.map((m) => m.uid)).toEqual([uid]);
    const removed = await acmeAdmin.DELETE('/v1/tenants/{tenant}/members/{uid}', {
      params: { path: { ...tenant, uid } },
    });
    expect(removed.response.status).toBe(204);
  });

  it("answers hostile input with a code the route's contract names", async () => {
    const admin = setup().as('admin');
    const bad = await admin.POST('/v1/mcp-servers', {
      // @ts-expect-error: the typed client refuses this body too; the server must as well
      body: { id: 'Bad Id\u0000', name: 'x'.repeat(10_000), url: 'javascript:alert(1)', production: 'yes' },
    });
    expect([bad.response.status, bad.error?.code]).toEqual([400, 'REQ-001']);
    const otherTenant = await setup()
      .as('acmeAdmin')
      .GET('/v1/tenants/{tenant}/members', { params: { path: { tenant: 'globex' } } });
    expect([otherTenant.response.status, otherTenant.error?.code]).toEqual([403, 'POLICY-001']);
    const anonymous = await setup().as('nobody').GET('/v1/api-keys');
    expect([anonymous.response.status, anonymous.error?.code]).toEqual([401, 'AUTH-001']);
  });
});
