import { createHttpHandler, RateLimiter } from '@backbone/shared/core';
import { clientAddress } from '../src/core/http/client-address';
import { captureLogs, invokeHttp, ManualClock, MemoryRateLimitStore } from '@backbone/shared/testing';

describe('clientAddress: the entry the load balancer appended, not what the client sent', () => {
  it.each([
    ['only the proxies', '203.0.113.9, 130.211.0.1', 2, '203.0.113.9'],
    ['a spoofed first entry', '1.2.3.4, 203.0.113.9, 130.211.0.1', 2, '203.0.113.9'],
    ['many spoofed entries', '9.9.9.9,8.8.8.8 , 203.0.113.9,130.211.0.1', 2, '203.0.113.9'],
    ['IPv6', 'garbage, 2001:db8::1, 130.211.0.1', 2, '2001:db8::1'],
    ['one hop configured', '1.2.3.4, 203.0.113.9', 1, '203.0.113.9'],
    ['fewer entries than hops (not through the balancer)', '203.0.113.9', 2, undefined],
    ['no header', undefined, 2, undefined],
    ['no trusted proxies', '203.0.113.9, 130.211.0.1', 0, undefined],
    ['a non-address where the client is expected', '<script>, 130.211.0.1', 2, undefined],
  ])('%s', (_what, header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });

  it('keeps an anonymous caller in one rate-limit bucket however it rewrites X-Forwarded-For', async () => {
    const limiter = new RateLimiter(
      new MemoryRateLimitStore(),
      new ManualClock(new Date('2026-12-02T00:00:00Z')),
      3_600_000,
      {
        anonymous: 2,
        authenticated: 10,
        admin: 10,
      },
    );
    const handler = createHttpHandler({
      routes: [{ method: 'GET', path: '/x', access: 'public', handle: () => ({ status: 200, body: {} }) }],
      logger: captureLogs().logger,
      rateLimit: { limiter, windowSeconds: 3600 },
    });
    const statuses = [];
    for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
      statuses.push(
        (
          await invokeHttp(handler, {
            path: '/x',
            headers: { 'x-forwarded-for': `${spoof}, 203.0.113.9, 130.211.0.1` },
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
  });
});
