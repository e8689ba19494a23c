import { createHttpHandler, respond, type Caller, type Route } from '@backbone/shared/core';
import { captureLogs, invokeHttp, StaticAuthenticator } from '@backbone/shared/testing';

const routes: Route[] = [
  { method: 'GET', path: '/open', handle: (ctx) => respond.json({ caller: ctx.caller.kind }) },
  { method: 'GET', path: '/mine', handle: (ctx) => respond.json(ctx.caller) },
  { method: 'POST', path: '/jobs', handle: () => respond.json({ ran: true }) },
];
const declared = [
  { method: 'GET', path: '/open', access: 'public' as const },
  { method: 'GET', path: '/mine', access: 'user' as const },
  { method: 'POST', path: '/jobs', access: 'service' as const },
];
const alice: Caller = { kind: 'user', uid: 'alice', portal: 'CP', tenant: 'acme', roles: [] };
const scheduler: Caller = { kind: 'service', email: 'sched@p.iam.gserviceaccount.com', subject: '1' };
const handler = createHttpHandler({
  routes,
  declared,
  logger: captureLogs().logger,
  authenticator: new StaticAuthenticator({ alice, scheduler }),
});

describe('route access from the manifest', () => {
  it.each([
    ['anonymous on a public route', '/open', undefined, 'GET', 200],
    ['a user on a public route', '/open', 'alice', 'GET', 200],
    ['anonymous on a user route', '/mine', undefined, 'GET', 401],
    ['a service on a user route', '/mine', 'scheduler', 'GET', 403],
    ['a user on a user route', '/mine', 'alice', 'GET', 200],
    ['anonymous on a service route', '/jobs', undefined, 'POST', 401],
    ['a user on a service route', '/jobs', 'alice', 'POST', 403],
    ['the scheduler on a service route', '/jobs', 'scheduler', 'POST', 200],
    ['a forged token on a public route', '/open', 'mallory', 'GET', 401],
  ])('%s -> %d', async (_what, path, token, method, status) => {
    const res = await invokeHttp(handler, {
      method,
      path,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.status).toBe(status);
    if (status === 401) expect(res.json()).toMatchObject({ code: 'AUTH-001' });
    if (status === 403) expect(res.json()).toMatchObject({ code: 'AUTH-002' });
  });

  it('hands the verified caller to the route', async () => {
    const res = await invokeHttp(handler, { path: '/mine', headers: { authorization: 'Bearer alice' } });
    expect(res.json()).toEqual(alice);
  });

  it('denies user and service routes when no authenticator is configured', async () => {
    const bare = createHttpHandler({ routes, declared, logger: captureLogs().logger });
    expect((await invokeHttp(bare, { path: '/mine', headers: { authorization: 'Bearer alice' } })).status).toBe(401);
  });

  it('refuses to start when the routes and the manifest disagree', () => {
    expect(() => createHttpHandler({ routes, declared: declared.slice(1), logger: captureLogs().logger })).toThrow(
      /not declared \["GET \/open"\]/,
    );
    expect(() => createHttpHandler({ routes: routes.slice(1), declared, logger: captureLogs().logger })).toThrow(
      /declared but not served \["GET \/open"\]/,
    );
  });
});
