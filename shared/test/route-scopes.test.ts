import { createHttpHandler, defineFunction, type Caller } from '@backbone/shared/core';
import { captureLogs, invokeHttp, StaticAuthenticator } from '@backbone/shared/testing';

const client = (scopes: string[]): Caller => ({ kind: 'client', keyId: 'k1', tenant: 'acme', scopes });

describe('API-key scopes on routes', () => {
  it('refuses a manifest whose route takes API keys without naming their scope', () => {
    expect(() =>
      defineFunction({
        name: 'open-door',
        description: 'A test function for route scopes.',
        trigger: { kind: 'http', routes: [{ method: 'GET', path: '/v1/x', access: ['user', 'client'] }] },
      }),
    ).toThrow(/must declare the scope/);
  });

  it('answers 403 to a key without the route scope, and serves one with it', async () => {
    const manifest = defineFunction({
      name: 'invoices',
      description: 'A test function for route scopes.',
      trigger: {
        kind: 'http',
        routes: [{ method: 'GET', path: '/v1/x', access: ['client'], scope: 'billing:read' }],
      },
    });
    const handler = createHttpHandler({
      routes: [{ method: 'GET', path: '/v1/x', handle: () => ({ status: 200, body: { ok: true } }) }],
      logger: captureLogs().logger,
      declared: manifest.trigger.kind === 'http' ? manifest.trigger.routes : [],
      authenticator: new StaticAuthenticator({
        reader: client(['billing:read']),
        other: client(['constitution:query', 'mcp_servers:read']),
        none: client([]),
      }),
    });
    const as = (who: string) => invokeHttp(handler, { path: '/v1/x', headers: { authorization: `Bearer ${who}` } });
    expect((await as('reader')).status).toBe(200);
    for (const who of ['other', 'none']) {
      const res = await as(who);
      expect([res.status, (res.json() as { code: string }).code]).toEqual([403, 'AUTH-002']);
    }
  });

  it('refuses every key on a route served without a declared scope (deny by default)', async () => {
    const handler = createHttpHandler({
      routes: [{ method: 'GET', path: '/v1/y', access: ['client'], handle: () => ({ status: 200, body: {} }) }],
      logger: captureLogs().logger,
      authenticator: new StaticAuthenticator({ key: client(['billing:read']) }),
    });
    const res = await invokeHttp(handler, { path: '/v1/y', headers: { authorization: 'Bearer key' } });
    expect(res.status).toBe(403);
  });
});
