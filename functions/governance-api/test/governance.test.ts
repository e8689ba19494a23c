import { type Caller } from '@backbone/shared/core';
import { verifyChain } from '@backbone/shared/audit';
import { staffUser, tenantUser } from '@backbone/shared/testing';
import { governanceHarness } from './harness';

const DAY = 86_400_000;
const callers: Record<string, Caller> = {
  governor: staffUser('gov', ['platform_governor']),
  admin: staffUser('adm', ['platform_admin']),
  auditor: staffUser('aud', ['auditor']),
  acme: tenantUser('acme-owner', 'acme'),
  globex: tenantUser('globex-owner', 'globex'),
  client: { kind: 'client', keyId: 'k', tenant: 'acme', scopes: ['mcp_servers:read'] },
  // A key made for something else: it must not list the registry.
  billingKey: { kind: 'client', keyId: 'kb', tenant: 'acme', scopes: ['billing:read'] },
};

function setup() {
  const harness = governanceHarness(callers);
  const send = (who: string, method: string, path: string, key: string, body?: object) =>
    harness.as(who, method, path, body, { 'idempotency-key': key });
  return { ...harness, send };
}

const server = { name: 'GitHub', url: 'https://mcp.github.example', production: true };
const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

describe('MCP server registry (004§4.1, 004§4.2)', () => {
  it('stores names and descriptions masked, as logs are (hardening 12)', async () => {
    const { as, registry, audit } = setup();
    const created = await as('admin', 'POST', '/v1/mcp-servers', {
      id: 'crm',
      ...server,
      name: 'CRM of asha@example.com',
      description: 'Ask +14155552671 or use Bearer abcdefgh12345678 for access',
    });
    expect(created.status).toBe(201);
    expect(registry.servers.get('crm')).toMatchObject({
      name: 'CRM of [REDACTED_EMAIL]',
      description: 'Ask [REDACTED_PHONE] or use Bearer [REDACTED_TOKEN] for access',
    });
    expect(JSON.stringify(audit.entries)).not.toContain('asha@example.com');
  });

  it('lets a platform admin create, update and delete, and audits each change', async () => {
    const { as, registry, audit } = setup();
    const created = await as('admin', 'POST', '/v1/mcp-servers', { id: 'github', ...server });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/v1/mcp-servers/github');
    expect(created.json()).toMatchObject({ id: 'github', updatedBy: 'user:adm', production: true });
    const updated = await as('admin', 'PUT', '/v1/mcp-servers/github', { ...server, production: false });
    expect(updated.json()).toMatchObject({ production: false });
    expect((await as('admin', 'DELETE', '/v1/mcp-servers/github')).status).toBe(204);
    expect(registry.servers.size).toBe(0);
    expect(audit.entries.map((e) => [e.action, e.outcome, e.details.reasons])).toEqual([
      ['governance.create', 'allow', ['rbac-admin-operations']],
      ['governance.update', 'allow', ['rbac-admin-operations']],
      ['governance.delete', 'allow', ['rbac-admin-operations']],
    ]);
    expect(verifyChain(audit.entries).ok).toBe(true);
  });

  it.each([
    ['an auditor', 'auditor', 'POST', '/v1/mcp-servers', { id: 'x-server', ...server }],
    ['a tenant user (004§1.3)', 'acme', 'DELETE', '/v1/mcp-servers/github', undefined],
    ['a tenant user', 'acme', 'PUT', '/v1/mcp-servers/github', server],
  ])('denies %s with a 403 POLICY-001, changes nothing, and audits the denial', async (_w, who, method, path, body) => {
    const { as, registry, audit, clock } = setup();
    await registry.createMcpServer('github', { ...server, description: '' }, { by: 'seed', at: clock.now() });
    const res = await as(who, method, path, body);
    expect([res.status, code(res)]).toEqual([403, 'POLICY-001']);
    expect(registry.servers.get('github')).toMatchObject({ updatedBy: 'seed', production: true });
    expect(audit.entries).toEqual([expect.objectContaining({ outcome: 'deny', actor: expect.any(Object) })]);
  });

  it('lists the registry for users, API-key clients and services; not for anonymous callers', async () => {
    const { as, registry, clock } = setup();
    await registry.createMcpServer('github', { ...server, description: '' }, { by: 'seed', at: clock.now() });
    for (const who of ['acme', 'client', 'auditor'])
      expect((await as(who, 'GET', '/v1/mcp-servers')).json()).toMatchObject({ servers: [{ id: 'github' }] });
    expect((await as(undefined, 'GET', '/v1/mcp-servers')).status).toBe(401);
    const wrongScope = await as('billingKey', 'GET', '/v1/mcp-servers');
    expect([wrongScope.status, code(wrongScope)]).toEqual([403, 'AUTH-002']);
    expect(JSON.stringify(wrongScope.json())).toContain('mcp_servers:read');
  });

  it.each([
    ['a duplicate id', { id: 'github', ...server }, 409, 'REQ-008'],
    ['an id with capitals', { id: 'GitHub', ...server }, 400, 'REQ-001'],
    ['a non-http url', { id: 'ftp-one', ...server, url: 'ftp://files.example' }, 400, 'REQ-001'],
    ['an unknown field', { id: 'extra', ...server, owner: 'me' }, 400, 'REQ-001'],
    ['no production flag', { id: 'noflag', name: 'N', url: 'https://n.example' }, 400, 'REQ-001'],
    ['a URL with a key in it', { id: 'keyed', ...server, url: 'https://n.example/?api_key=abc123' }, 400, 'REQ-001'],
    [
      'a URL with a percent-encoded e-mail',
      { id: 'mailed', ...server, url: 'https://n.example/asha%40example.com' },
      400,
      'REQ-001',
    ],
  ])('refuses %s', async (_what, body, status, errorCode) => {
    const { as, registry, clock } = setup();
    await registry.createMcpServer('github', { ...server, description: '' }, { by: 'seed', at: clock.now() });
    const res = await as('admin', 'POST', '/v1/mcp-servers', body);
    expect([res.status, code(res)]).toEqual([status, errorCode]);
    expect([...registry.servers.keys()]).toEqual(['github']);
  });

  it('answers 404 for a server that does not exist', async () => {
    const { as } = setup();
    expect((await as('admin', 'PUT', '/v1/mcp-servers/ghost', server)).status).toBe(404);
    expect((await as('admin', 'DELETE', '/v1/mcp-servers/ghost')).status).toBe(404);
  });
});

describe('allow-lists (000#53, 004§4.3)', () => {
  const list = { hosts: [{ host: 'api.crm.example', sandbox: false }], mcpServers: ['github'] };

  it('is set by platform admins; a tenant reads its own list but not another one', async () => {
    const { as, registry } = setup();
    expect((await as('admin', 'PUT', '/v1/allow-lists/acme', list)).status).toBe(200);
    expect(await registry.allowLists(['acme'])).toEqual([list]);
    expect((await as('acme', 'GET', '/v1/allow-lists/acme')).json()).toEqual({ scope: 'acme', ...list });
    expect((await as('globex', 'GET', '/v1/allow-lists/acme')).status).toBe(403);
    expect((await as('auditor', 'GET', '/v1/allow-lists/acme')).status).toBe(200);
    const own = await as('acme', 'PUT', '/v1/allow-lists/acme', { hosts: [], mcpServers: ['anything'] });
    expect([own.status, code(own)]).toEqual([403, 'POLICY-001']);
    expect(await registry.allowLists(['acme'])).toEqual([list]);
  });

  it.each([
    ['a URL instead of a host', { hosts: [{ host: 'https://api.crm.example' }] }],
    ['an upper-case host', { hosts: [{ host: 'API.crm.example' }] }],
    ['an unknown field', { hosts: [], everything: true }],
  ])('refuses %s', async (_what, body) => {
    const { as, registry } = setup();
    const res = await as('admin', 'PUT', '/v1/allow-lists/global', body);
    expect([res.status, code(res)]).toEqual([400, 'REQ-001']);
    expect(registry.lists.size).toBe(0);
  });
});

describe('Idempotency-Key on governance changes (hardening 8)', () => {
  const body = { name: 'ci', scopes: ['billing:read'] };
  it('creates one key for a retried request and replays the first answer, the secret masked', async () => {
    const { send, keyStore } = setup();
    const first = await send('acme', 'POST', '/v1/api-keys', 'k-1', body);
    expect(first.status).toBe(201);
    const again = await send('acme', 'POST', '/v1/api-keys', 'k-1', body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const shown = first.json() as { keyId: string; key: string };
    expect(again.json()).toMatchObject({ keyId: shown.keyId, key: '[REDACTED_API_KEY]' });
    expect(JSON.stringify(again.json())).not.toContain(shown.key);
    expect([...(await keyStore.listByTenant('acme'))]).toHaveLength(1);
  });

  it('keeps a 500 that came after the change, so the retry does not create a second key', async () => {
    const { send, keyStore, apiKeys } = setup();
    const create = apiKeys.create.bind(apiKeys);
    let calls = 0;
    apiKeys.create = async (...args: Parameters<typeof create>) => {
      calls++;
      await create(...args);
      throw new Error('the connection dropped after the write');
    };
    expect((await send('acme', 'POST', '/v1/api-keys', 'k-2', body)).status).toBe(500);
    const retry = await send('acme', 'POST', '/v1/api-keys', 'k-2', body);
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([500, 'true']);
    expect(calls).toBe(1);
    expect([...(await keyStore.listByTenant('acme'))]).toHaveLength(1);
  });

  it.each([
    ['another body', 'POST', '/v1/api-keys', { name: 'other', scopes: ['billing:read'] }],
    ['another route', 'DELETE', '/v1/api-keys/abcdefabcdef', undefined],
  ])('refuses the same key for %s with a 422 REQ-009', async (_what, method, path, other) => {
    const { send } = setup();
    await send('acme', 'POST', '/v1/api-keys', 'k-3', body);
    const res = await send('acme', method, path, 'k-3', other);
    expect([res.status, code(res)]).toEqual([422, 'REQ-009']);
  });

  it('scopes keys to the caller: another tenant with the same key runs its own request', async () => {
    const { send, keyStore } = setup();
    await send('acme', 'POST', '/v1/api-keys', 'shared-key', body);
    const other = await send('globex', 'POST', '/v1/api-keys', 'shared-key', body);
    expect([other.status, other.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect([...(await keyStore.listByTenant('globex'))]).toHaveLength(1);
  });

  it.each(['', 'a'.repeat(256), 'caf\u00e9'])('refuses the malformed key %j with a 400', async (key) => {
    const { send } = setup();
    const res = await send('acme', 'POST', '/v1/api-keys', key, body);
    expect([res.status, code(res)]).toEqual([400, 'REQ-001']);
  });
});

describe('API keys (004§2.2)', () => {
  it("stores a key's name masked (hardening 12)", async () => {
    const { as } = setup();
    const created = await as('acme', 'POST', '/v1/api-keys', {
      name: 'key for asha@example.com',
      scopes: ['billing:read'],
    });
    expect(created.status).toBe(201);
    const listed = (await as('acme', 'GET', '/v1/api-keys')).json() as { keys: { name: string }[] };
    expect(listed.keys.map((k) => k.name)).toEqual(['key for [REDACTED_EMAIL]']);
  });

  it('creates a key shown once, lists metadata only, rotates with an overlap, and revokes', async () => {
    const { as, apiKeys, clock } = setup();
    const created = await as('acme', 'POST', '/v1/api-keys', { name: 'ci', scopes: ['billing:read'] });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { key, keyId } = created.json() as { key: string; keyId: string };
    expect(key).toMatch(/^bb_test_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/);

    const listed = await as('acme', 'GET', '/v1/api-keys');
    expect(listed.text).not.toContain(key.slice(-32));
    expect(listed.text).not.toContain('secretHash');
    expect(listed.json()).toMatchObject({ keys: [{ keyId, tenant: 'acme', name: 'ci' }] });
    expect((await as('globex', 'GET', '/v1/api-keys')).json()).toEqual({ keys: [] });

    const rotated = await as('acme', 'POST', `/v1/api-keys/${keyId}/rotate`, { overlapHours: 2 });
    const next = (rotated.json() as { key: string }).key;
    await expect(apiKeys.verify(key)).resolves.toMatchObject({ keyId });
    await expect(apiKeys.verify(next)).resolves.toMatchObject({ tenant: 'acme' });
    clock.advance(2 * 3_600_000);
    await expect(apiKeys.verify(key)).rejects.toMatchObject({ code: 'AUTH-001' });

    const nextId = (rotated.json() as { keyId: string }).keyId;
    expect((await as('acme', 'DELETE', `/v1/api-keys/${nextId}`)).status).toBe(204);
    await expect(apiKeys.verify(next)).rejects.toMatchObject({ code: 'AUTH-001' });
  });

  it("reports another tenant's key as absent and refuses platform staff", async () => {
    const { as } = setup();
    const { keyId } = (await as('acme', 'POST', '/v1/api-keys', { name: 'ci', scopes: ['billing:read'] })).json() as {
      keyId: string;
    };
    expect((await as('globex', 'DELETE', `/v1/api-keys/${keyId}`)).status).toBe(404);
    expect((await as('globex', 'POST', `/v1/api-keys/${keyId}/rotate`, {})).status).toBe(404);
    const staff = await as('governor', 'POST', '/v1/api-keys', { name: 'x', scopes: ['billing:read'] });
    expect([staff.status, code(staff)]).toEqual([403, 'POLICY-001']);
  });

  it.each([
    ['no scopes', { name: 'ci', scopes: [] }],
    ['a malformed scope', { name: 'ci', scopes: ['everything'] }],
    ['a ten-year time to live', { name: 'ci', scopes: ['billing:read'], ttlDays: 3650 }],
  ])('refuses %s and stores nothing', async (_what, body) => {
    const { as, keyStore } = setup();
    const res = await as('acme', 'POST', '/v1/api-keys', body);
    expect([res.status, code(res)]).toEqual([400, 'REQ-001']);
    expect(keyStore.records.size).toBe(0);
  });
});

describe('trial extension: a logged Platform Governor override (000#5)', () => {
  const reason = 'Customer onboarding was delayed by their security review';

  it('extends only for the Platform Governor and keeps the reason in the audit log', async () => {
    const { as, trials, audit, clock } = setup();
    const endsAt = new Date(clock.now().getTime() + 2 * DAY);
    trials.trials.set('globex', { startedAt: clock.now(), endsAt, actionsPerDay: 100, budgetCapCents: 5000 });
    const denied = await as('admin', 'POST', '/v1/trials/globex/extend', { days: 7, reason });
    expect([denied.status, (denied.json() as { reasons: string[] }).reasons]).toEqual([
      403,
      ['deny-override-without-governor'],
    ]);
    expect(trials.trials.get('globex')!.endsAt).toEqual(endsAt);

    const res = await as('governor', 'POST', '/v1/trials/globex/extend', { days: 7, reason });
    expect(res.json()).toEqual({
      tenant: 'globex',
      endsAt: new Date(endsAt.getTime() + 7 * DAY).toISOString(),
      previousEndsAt: endsAt.toISOString(),
    });
    expect(audit.entries.at(-1)).toMatchObject({
      action: 'governance.override',
      outcome: 'allow',
      actor: { type: 'User', id: 'gov' },
      details: { tenant: 'globex', days: 7, reason },
    });
  });

  it('restarts an expired trial from today, and answers 404 for a tenant not on a trial', async () => {
    const { as, trials, clock } = setup();
    trials.trials.set('globex', {
      startedAt: new Date(clock.now().getTime() - 30 * DAY),
      endsAt: new Date(clock.now().getTime() - 16 * DAY),
      actionsPerDay: 100,
      budgetCapCents: 5000,
    });
    const res = await as('governor', 'POST', '/v1/trials/globex/extend', { days: 3, reason });
    expect((res.json() as { endsAt: string }).endsAt).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());
    expect((await as('governor', 'POST', '/v1/trials/acme/extend', { days: 3, reason })).status).toBe(404);
  });

  it.each([
    ['no reason', { days: 3 }],
    ['a year', { days: 365, reason }],
  ])('refuses %s', async (_what, body) => {
    const { as } = setup();
    const res = await as('governor', 'POST', '/v1/trials/globex/extend', body);
    expect([res.status, code(res)]).toEqual([400, 'REQ-001']);
  });
});

describe('forensic reads of the audit log (000#14, 000#21)', () => {
  it('lets auditors page through the log, and records every read in the log itself', async () => {
    const { as, audit } = setup();
    for (let i = 0; i < 3; i++) await as('admin', 'PUT', '/v1/allow-lists/global', { hosts: [], mcpServers: [] });
    const page = await as('auditor', 'GET', '/v1/audit/records?after=1&limit=2');
    expect(page.json()).toMatchObject({ records: [{ seq: 2 }, { seq: 3 }], next: 3 });
    expect(audit.entries.at(-1)).toMatchObject({
      actor: { id: 'aud' },
      action: 'governance.view',
      target: { type: 'Component', id: 'audit_logs' },
      details: { forensicRead: true, after: 1, limit: 2, firstSeq: 2, lastSeq: 3 },
    });
  });

  it.each([
    ['a tenant user', 'acme', '/v1/audit/records', 403],
    ['a zero limit', 'auditor', '/v1/audit/records?limit=0', 400],
    ['an unknown parameter', 'auditor', '/v1/audit/records?user=bob', 400],
  ])('refuses %s', async (_what, who, path, status) => {
    const { as } = setup();
    expect((await as(who, 'GET', path)).status).toBe(status);
  });
});
