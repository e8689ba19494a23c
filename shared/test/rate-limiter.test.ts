import { createHttpHandler, RateLimiter, respond, slidingCount } from '@backbone/shared/core';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryRateLimitStore,
  StaticAuthenticator,
} from '@backbone/shared/testing';

const HOUR = 3_600_000;
function setup(tiers = { anonymous: 3, authenticated: 5, admin: 10 }) {
  const store = new MemoryRateLimitStore();
  const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
  return { store, clock, limiter: new RateLimiter(store, clock, HOUR, tiers) };
}

describe('RateLimiter (000#11)', () => {
  it('allows up to the tier limit, then refuses with the time to retry', async () => {
    const { limiter } = setup();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.check('ip:1', 'anonymous'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]).toMatchObject({ retryAfterSeconds: 3600, resetSeconds: 3600 });
  });

  it('keeps keys and tiers apart', async () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) await limiter.check('ip:1', 'anonymous');
    expect((await limiter.check('ip:2', 'anonymous')).allowed).toBe(true);
    expect((await limiter.check('user:a', 'authenticated')).limit).toBe(5);
  });

  it('answers a blocked caller from memory, without touching the shared store', async () => {
    const { limiter, store, clock } = setup();
    for (let i = 0; i < 4; i++) await limiter.check('ip:1', 'anonymous');
    const calls = store.calls;
    for (let i = 0; i < 50; i++) expect((await limiter.check('ip:1', 'anonymous')).allowed).toBe(false);
    expect(store.calls).toBe(calls);
    clock.advance(HOUR);
    await limiter.check('ip:1', 'anonymous');
    expect(store.calls).toBe(calls + 1);
  });

  it('takes blocks for a busy caller: 3,000 admin requests in a minute cost a few dozen counter writes', async () => {
    const { limiter, store, clock } = setup({ anonymous: 100, authenticated: 1_000, admin: 10_000 });
    let admitted = 0;
    for (let i = 0; i < 3000; i++) {
      if ((await limiter.check('user:admin', 'admin')).allowed) admitted++;
      clock.advance(20); // 50 requests a second
    }
    expect(admitted).toBe(3000);
    // Blocks double up to 500 (a twentieth of 10,000): 1+2+4+...+256 then 500s.
    expect(store.calls).toBeLessThan(20);
  });

  it('never admits more than the limit across instances sharing the store; a slow caller takes one hit at a time', async () => {
    const store = new MemoryRateLimitStore();
    const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
    const tiers = { anonymous: 100, authenticated: 1_000, admin: 10_000 };
    const instances = [0, 1, 2].map(() => new RateLimiter(store, clock, HOUR, tiers));
    let admitted = 0;
    for (let i = 0; i < 300; i++) if ((await instances[i % 3]!.check('ip:9', 'anonymous')).allowed) admitted++;
    expect(admitted).toBeLessThanOrEqual(100);
    // At most each instance's last block (a twentieth of the limit: 5) goes unspent.
    expect(admitted).toBeGreaterThanOrEqual(100 - 3 * 5);

    const slow = new RateLimiter(store, clock, HOUR, tiers);
    const before = store.calls;
    for (let i = 0; i < 5; i++) {
      await slow.check('user:slow', 'authenticated');
      clock.advance(60_000); // one a minute: every block is one hit
    }
    expect(store.calls - before).toBe(5);
  });

  it('slides: the previous window counts by how much of it the sliding window still covers', () => {
    expect(slidingCount(100, 10, 0, HOUR, HOUR / 4)).toBe(85);
    expect(slidingCount(100, 10, 0, HOUR, 0)).toBe(110);
  });

  it('makes the HTTP adapter answer 429 with Retry-After and RateLimit headers; services are not limited', async () => {
    const { limiter } = setup({ anonymous: 2, authenticated: 5, admin: 10 });
    const handler = createHttpHandler({
      routes: [{ method: 'GET', path: '/x', handle: () => respond.json({ ok: true }) }],
      logger: captureLogs().logger,
      authenticator: new StaticAuthenticator({
        svc: { kind: 'service', email: 's@p.iam.gserviceaccount.com', subject: '1' },
      }),
      rateLimit: { limiter, windowSeconds: 3600 },
    });
    const get = (headers: Record<string, string> = {}) =>
      invokeHttp(handler, { path: '/x', headers: { 'x-forwarded-for': '203.0.113.9', ...headers } });
    const first = await get();
    expect(first.headers.ratelimit).toBe('"default";r=1;t=3600');
    expect(first.headers['ratelimit-policy']).toBe('"default";q=2;w=3600');
    await get();
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(refused.json()).toMatchObject({ code: 'RATE-001', status: 429 });
    for (let i = 0; i < 5; i++) expect((await get({ authorization: 'Bearer svc' })).status).toBe(200);
    const probe = await invokeHttp(handler, {
      path: '/healthz',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(probe.status).toBe(200); // liveness probes are not metered, even for a blocked address
  });
});
