import { z } from 'zod';
import { AuthenticationError, createHttpHandler, parseWith, respond, type Route } from '@backbone/shared/core';
import { captureLogs, invokeHttp, SequentialIds } from '@backbone/shared/testing';

const Body = z.object({ name: z.string().min(1), count: z.number().int().positive() }).strict();
const routes: Route[] = [
  {
    method: 'GET',
    path: '/v1/things/:id',
    handle: (ctx) => respond.json({ id: ctx.params.id, q: ctx.query.get('q') }),
  },
  {
    method: 'POST',
    path: '/v1/things',
    handle: (ctx) => respond.json(parseWith(Body, ctx.body, 'body'), 201),
  },
  {
    method: 'GET',
    path: '/v1/boom',
    handle: () => {
      throw new Error('database password is hunter2 for ops@example.com');
    },
  },
];

function setup() {
  const { logger, records } = captureLogs('things');
  const handler = createHttpHandler({ routes, logger, maxBodyBytes: 256, ids: new SequentialIds('req') });
  return { handler, records };
}

describe('createHttpHandler', () => {
  it('routes with path params and query, and sets a request id', async () => {
    const { handler } = setup();
    const res = await invokeHttp(handler, { path: '/v1/things/a%20b?q=x' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ id: 'a b', q: 'x' });
    expect(res.headers['x-request-id']).toBe('req-1');
  });

  it('keeps a caller-supplied request id', async () => {
    const { handler } = setup();
    const res = await invokeHttp(handler, { path: '/healthz', headers: { 'X-Request-Id': 'abc' } });
    expect([res.status, res.headers['x-request-id']]).toEqual([200, 'abc']);
  });

  it('puts the request id in every problem body, as support will be quoted it', async () => {
    const { handler } = setup();
    const res = await invokeHttp(handler, { path: '/v2/x', headers: { 'X-Request-Id': 'ticket-42' } });
    expect(res.json()).toMatchObject({ code: 'REQ-004', requestId: 'ticket-42' });
    expect(JSON.parse((await invokeHttp(handler, { path: '/v1/boom' })).text).requestId).toBe('req-1');
  });

  it('names the Bearer scheme on every 401 (RFC 6750), and an invalid token as such', async () => {
    const authenticator = {
      authenticate: async (headers: Record<string, string | undefined>) => {
        if (headers['authorization']) throw new AuthenticationError('unknown token');
        return { kind: 'anonymous' as const };
      },
    };
    const handler = createHttpHandler({
      routes: [{ ...routes[0]!, access: 'user' }],
      logger: captureLogs('things').logger,
      authenticator,
    });
    const missing = await invokeHttp(handler, { path: '/v1/things/1' });
    expect([missing.status, missing.headers['www-authenticate']]).toEqual([401, 'Bearer realm="backbone"']);
    const invalid = await invokeHttp(handler, { path: '/v1/things/1', headers: { authorization: 'Bearer nope' } });
    expect([invalid.status, invalid.headers['www-authenticate']]).toEqual([
      401,
      'Bearer realm="backbone", error="invalid_token"',
    ]);
  });

  it('parses and validates a JSON body', async () => {
    const { handler } = setup();
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/things',
      body: { name: 'a', count: 2 },
    });
    expect([res.status, res.json()]).toEqual([201, { name: 'a', count: 2 }]);
  });

  it.each([
    ['an unknown path', { path: '/v2/x' }, 404, 'REQ-004'],
    ['a wrong method', { method: 'DELETE', path: '/v1/things/1' }, 405, 'REQ-005'],
    ['an unknown method', { method: 'TRACE', path: '/v1/things/1' }, 405, 'REQ-005'],
    [
      'malformed JSON',
      {
        method: 'POST',
        path: '/v1/things',
        body: '{"name":',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'REQ-002',
    ],
    [
      'a body that is not JSON',
      {
        method: 'POST',
        path: '/v1/things',
        body: 'name=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      415,
      'REQ-006',
    ],
    [
      'a body over the limit',
      { method: 'POST', path: '/v1/things', body: { name: 'x'.repeat(300), count: 1 } },
      413,
      'REQ-007',
    ],
    [
      'a body failing its schema',
      { method: 'POST', path: '/v1/things', body: { name: '', count: 0, extra: 1 } },
      400,
      'REQ-001',
    ],
  ])('answers %s with problem+json', async (_what, request, status, code) => {
    const { handler } = setup();
    const res = await invokeHttp(handler, request);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const problem = res.json() as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code, type: `urn:backbone:problem:${code}` });
    expect(typeof problem.title).toBe('string');
  });

  it('lists every schema issue and the Allow header', async () => {
    const { handler } = setup();
    const bad = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/things',
      body: { name: '', count: 0 },
    });
    expect((bad.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['count', 'name']);
    const wrong = await invokeHttp(handler, { method: 'PUT', path: '/v1/things' });
    expect(wrong.headers.allow).toBe('POST');
  });

  it('hides unknown errors from the caller and logs them masked', async () => {
    const { handler, records } = setup();
    const res = await invokeHttp(handler, { path: '/v1/boom' });
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('hunter2');
    expect(res.json()).toMatchObject({
      code: 'SYS-500',
      detail: 'An internal error occurred; it has been logged.',
    });
    const logged = JSON.stringify(records.find((r) => r.severity === 'ERROR'));
    expect(logged).toContain('[REDACTED_EMAIL]');
    expect(logged).not.toContain('ops@example.com');
  });

  it('puts the trace of the request on its log records', async () => {
    const { handler, records } = setup();
    await invokeHttp(handler, {
      path: '/v1/boom',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(records.at(-1)).toMatchObject({
      'logging.googleapis.com/trace': 'projects/demo-test/traces/0af7651916cd43dd8448eb211c80319c',
      'logging.googleapis.com/spanId': 'b7ad6b7169203331',
      requestId: 'req-1',
    });
  });
});
