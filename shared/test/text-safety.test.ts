import { createHttpHandler } from '@backbone/shared/core';
import { findUnsafeValue, MAX_JSON_DEPTH, unsafeText } from '../src/core/http/text-safety';
import { captureLogs, invokeHttp } from '@backbone/shared/testing';

describe('text no store or policy engine can take', () => {
  it.each([
    ['a lone high surrogate', 'ab\ud800cd', 'contains a lone UTF-16 surrogate'],
    ['a lone low surrogate', '\udc00', 'contains a lone UTF-16 surrogate'],
    ['a reversed pair', '\udc00\ud800', 'contains a lone UTF-16 surrogate'],
    ['a NUL', 'a\u0000b', 'contains a NUL character'],
    ['a real pair (an emoji)', 'ok \ud83d\ude00', undefined],
    ['plain text', 'Acme Retail – München', undefined],
  ])('%s', (_what, text, expected) => {
    expect(unsafeText(text)).toBe(expected);
  });

  it('finds the first unsafe place in nested JSON, keys included, and bounds depth without recursion', () => {
    expect(findUnsafeValue({ a: [{ b: 'x\ud800' }] })).toEqual({
      path: 'a.0.b',
      message: 'the text contains a lone UTF-16 surrogate',
    });
    expect(findUnsafeValue({ ['k\u0000']: 1 })?.message).toBe('a key contains a NUL character');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeValue(deep)?.message).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(findUnsafeValue({ fine: [1, 'two', { three: null }] })).toBeUndefined();
  });
});

describe('the HTTP pipeline answers such input with a 400 problem and calls no handler', () => {
  let calls = 0;
  const handler = createHttpHandler({
    routes: [
      {
        method: 'POST',
        path: '/v1/things',
        access: 'public',
        handle: () => ({ status: 200, body: { n: ++calls } }),
      },
      {
        method: 'GET',
        path: '/v1/things/:id',
        access: 'public',
        handle: () => ({ status: 200, body: { n: ++calls } }),
      },
    ],
    logger: captureLogs().logger,
  });

  it.each([
    ['a body with a lone surrogate', 'POST', '/v1/things', '{"name":"x\\ud800"}'],
    ['a body with NUL', 'POST', '/v1/things', '{"name":"a\\u0000b"}'],
    ['a body nested 10,000 deep', 'POST', '/v1/things', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['a malformed percent-escape in the path', 'GET', '/v1/things/%E0%A4%A', undefined],
    ['a lone percent sign in the path', 'GET', '/v1/things/100%', undefined],
    ['a NUL in the path', 'GET', '/v1/things/a%00b', undefined],
    ['an encoded lone surrogate in the path', 'GET', '/v1/things/%ED%A0%80', undefined],
    ['a NUL in the query', 'GET', '/v1/things/ok?q=a%00b', undefined],
  ])('%s', async (_what, method, path, body) => {
    const before = calls;
    const res = await invokeHttp(handler, {
      method,
      path,
      ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
    });
    expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'REQ-001']);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(calls).toBe(before);
  });
});
