import { workspacesHarness, T0 } from './harness';

const WS = '/v1/tenants/acme/agents/support/workspace';
const seed = async (h: ReturnType<typeof workspacesHarness>, path: string, bytes: number) =>
  h.workspaces.write(`tenants/acme/agents/support/state/${path}`, Buffer.alloc(bytes, 7), 'application/octet-stream');

describe('workspaces API (000#8)', () => {
  it("lists an agent's files with the tenant's usage and quota, for the tenant's users and the runtime only", async () => {
    const h = workspacesHarness();
    await seed(h, 'memory.json', 100);
    await seed(h, 'deep/notes.txt', 50);
    await h.workspaces.write('tenants/acme/agents/writer/state/x', Buffer.alloc(25), 'text/plain');
    await h.workspaces.write('tenants/globex/agents/support/state/x', Buffer.alloc(999), 'text/plain');
    const owner = await h.call('owner', 'GET', WS);
    expect(owner.status).toBe(200);
    expect(owner.json()).toEqual({
      files: [
        { path: 'deep/notes.txt', size: 50, updatedAt: expect.any(String) },
        { path: 'memory.json', size: 100, updatedAt: expect.any(String) },
      ],
      usage: { bytes: 175, quotaBytes: 1_000_000 },
    });
    expect((await h.call('member', 'GET', WS)).status).toBe(200);
    expect((await h.call('runtime', 'GET', WS)).status).toBe(200);
    expect((await h.call('owner', 'GET', `${WS}?prefix=deep`)).json().files).toHaveLength(1);
    // Another tenant's admin and Platform Portal staff are refused (000#52), and it is audited.
    for (const who of ['rival', 'staff']) {
      const refused = await h.call(who, 'GET', WS);
      expect(refused.status).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'POLICY-001' });
    }
    expect((await h.call('', 'GET', WS)).status).toBe(401);
    expect(h.audit.entries.filter((e) => e.outcome === 'deny').map((e) => e.actor.id)).toEqual(['owner-globex', 'gov']);
  });

  it('signs an upload of exactly the size asked, under the agent’s prefix, for 15 minutes, within the quota', async () => {
    const h = workspacesHarness();
    const ok = await h.call('owner', 'POST', `${WS}/uploads`, {
      path: 'a/b.json',
      contentType: 'application/json',
      bytes: 500,
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({
      path: 'a/b.json',
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-goog-content-length-range': '500,500' },
      expiresAt: new Date(T0.getTime() + 15 * 60_000).toISOString(),
    });
    expect(ok.json().url).toContain('tenants/acme/agents/support/state/a/b.json');

    await seed(h, 'big.bin', 900_000);
    await seed(h, 'old.bin', 50_000);
    const over = await h.call('owner', 'POST', `${WS}/uploads`, {
      path: 'new.bin',
      contentType: 'application/octet-stream',
      bytes: 60_000,
    });
    expect(over.status).toBe(409);
    expect(over.json()).toMatchObject({ code: 'STORAGE-001', usedBytes: 950_000, quotaBytes: 1_000_000 });
    // Replacing a file counts only the difference.
    const replace = await h.call('owner', 'POST', `${WS}/uploads`, {
      path: 'old.bin',
      contentType: 'application/octet-stream',
      bytes: 100_000,
    });
    expect(replace.status).toBe(200);
    // A bigger plan, a bigger quota.
    h.plans.plans.set('acme', [{ subscriptionId: 'sub_1', priceId: 'price_pro' }]);
    expect(
      (
        await h.call('owner', 'POST', `${WS}/uploads`, {
          path: 'new.bin',
          contentType: 'application/octet-stream',
          bytes: 60_000,
        })
      ).status,
    ).toBe(200);
  });

  it('signs a download of an existing file only', async () => {
    const h = workspacesHarness();
    await seed(h, 'memory.json', 10);
    const ok = await h.call('runtime', 'POST', `${WS}/downloads`, { path: 'memory.json' });
    expect(ok.json()).toMatchObject({ method: 'GET', path: 'memory.json', headers: {} });
    const missing = await h.call('owner', 'POST', `${WS}/downloads`, { path: 'nope.json' });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'REQ-003' });
  });

  it.each([
    ['a parent path', { path: '../globex/x', contentType: 'text/plain', bytes: 1 }],
    ['an absolute path', { path: '/etc/passwd', contentType: 'text/plain', bytes: 1 }],
    ['a NUL', { path: 'a\u0000b', contentType: 'text/plain', bytes: 1 }],
    ['a lone surrogate', { path: 'a\ud800', contentType: 'text/plain', bytes: 1 }],
    ['a size as text', { path: 'a', contentType: 'text/plain', bytes: '1' }],
    ['a negative size', { path: 'a', contentType: 'text/plain', bytes: -1 }],
    ['a bad content type', { path: 'a', contentType: 'text/plain\r\nx: y', bytes: 1 }],
    ['an unknown field', { path: 'a', contentType: 'text/plain', bytes: 1, bucket: 'other' }],
    ['a deep value', { path: { a: { b: { c: {} } } }, contentType: 'text/plain', bytes: 1 }],
  ])('refuses %s with a 400 and signs nothing', async (_, body) => {
    const h = workspacesHarness();
    const res = await h.call('owner', 'POST', `${WS}/uploads`, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('takes a percent-escape in a path as a literal name inside the agent’s own prefix, never a parent', async () => {
    const h = workspacesHarness();
    const res = await h.call('owner', 'POST', `${WS}/uploads`, {
      path: '%2e%2e/x',
      contentType: 'text/plain',
      bytes: 1,
    });
    expect(res.status).toBe(200);
    expect(res.json().url).toContain('tenants/acme/agents/support/state/%252e%252e/x');
  });

  it.each(['/v1/tenants/ACME%2F..%2Fglobex/agents/support/workspace', '/v1/tenants/acme/agents/Support!/workspace'])(
    'refuses a malformed id in %s',
    async (path) => {
      const h = workspacesHarness();
      expect((await h.call('owner', 'GET', path)).status).toBe(400);
    },
  );
});
