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

  it('answers /health, and /healthz with its deprecation and sunset until it goes (000#43)', async () => {
    const { handler } = setup();
    const health = await invokeHttp(handler, { path: '/health' });
    expect([health.status, health.json(), health.headers.deprecation]).toEqual([200, { status: 'ok' }, undefined]);
    const old = await invokeHttp(handler, { path: '/healthz' });
    expect([old.status, old.headers.deprecation, old.headers.sunset, old.headers.link]).toEqual([
      200,
      '@1796601600',
      'Sun, 07 Mar 2027 00:00:00 GMT',
      '</health>; rel="successor-version"',
    ]);
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

  it('logs an unknown error as Error Reporting reads it: the masked stack, the service, the event type', async () => {
    const { handler, records } = setup();
    await invokeHttp(handler, { path: '/v1/boom' });
    const error = records.find((r) => r.severity === 'ERROR')!;
    expect(error).toMatchObject({
      stack_trace: expect.stringMatching(/^Error: .*\n\s+at /),
      serviceContext: { service: 'things' },
      '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
    });
    expect(error.stack_trace).not.toContain('ops@example.com');
    expect(JSON.stringify(error.error)).not.toContain('"stack"');
  });

  it('logs every request once at INFO with a complete httpRequest', async () => {
    const { handler, records } = setup();
    await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/things?token=secret',
      headers: { 'user-agent': 'curl/8.5', 'x-forwarded-for': '198.51.100.7, 203.0.113.9, 35.191.0.1' },
      body: { name: 'a', count: 1 },
    });
    const served = records.filter((r) => r.message === 'request served');
    expect(served).toHaveLength(1);
    expect(served[0]).toMatchObject({
      severity: 'INFO',
      httpRequest: {
        requestMethod: 'POST',
        requestUrl: '/v1/things',
        status: 201,
        latency: expect.stringMatching(/^\d+\.\d{6}s$/),
        requestSize: '22',
        responseSize: expect.stringMatching(/^[1-9]\d*$/),
        remoteIp: '203.0.113.9',
        userAgent: 'curl/8.5',
        protocol: 'HTTP/1.1',
      },
    });
    expect(JSON.stringify(served[0])).not.toContain('secret');
  });

  it.each([
    [
      'traceparent, sampled',
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      'b7ad6b7169203331',
      true,
    ],
    [
      'traceparent, not sampled',
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' },
      'b7ad6b7169203331',
      false,
    ],
    // Google's header carries the span in decimal: Cloud Logging wants it in hex.
    [
      'X-Cloud-Trace-Context',
      { 'x-cloud-trace-context': '0af7651916cd43dd8448eb211c80319c/13211210934733271857;o=1' },
      'b757a65961887331',
      true,
    ],
  ])('takes the trace from %s, span in hex', async (_, headers, spanId, sampled) => {
    const { handler, records } = setup();
    await invokeHttp(handler, { path: '/v1/boom', headers });
    expect(records.at(-1)).toMatchObject({
      'logging.googleapis.com/trace': 'projects/demo-test/traces/0af7651916cd43dd8448eb211c80319c',
      'logging.googleapis.com/spanId': spanId,
      'logging.googleapis.com/trace_sampled': sampled,
    });
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
