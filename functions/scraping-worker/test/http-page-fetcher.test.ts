import { isPublicAddress } from '@backbone/shared/core';
import { HttpPageFetcher } from '../adapters/http-page-fetcher';
import { type FetchOutcome } from '../page-fetcher';
import { parseRetryAfter } from '../retry-after';
import { SCRAPER_USER_AGENT } from '../robots';
import { startTestSite, type TestSite } from '@backbone/shared/testing';

const accept = ['text/html', 'text/plain'];
let site: TestSite;
let hanging: TestSite;

beforeAll(async () => {
  site = await startTestSite((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body = '', headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html', ...headers });
      res.end(body);
    };
    switch (url.pathname) {
      case '/page':
        return req.headers['if-none-match'] === '"v1"'
          ? send(304)
          : send(200, '<p>hello</p>', { etag: '"v1"', 'last-modified': 'Sun, 22 Nov 2026 10:00:00 GMT' });
      case '/slow-down':
        return send(429, '', { 'retry-after': url.searchParams.get('after') ?? '' });
      case '/busy':
        return send(503);
      case '/gone':
        return send(404);
      case '/pdf':
        return send(200, '%PDF', { 'content-type': 'application/pdf' });
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
        return res.end();
      case '/untyped':
        res.writeHead(200);
        return res.end('User-agent: *\nDisallow: /x\n');
      case '/redirect':
        return send(302, '', { location: url.searchParams.get('to')! });
      case '/loop':
        return send(301, '', { location: '/loop' });
      case '/slow-hop': {
        // Each hop answers within the per-request timeout, the chain does not.
        const n = Number(url.searchParams.get('n') ?? 0);
        setTimeout(
          () => (n >= 4 ? send(200, '<p>late</p>') : send(302, '', { location: `/slow-hop?n=${n + 1}` })),
          200,
        );
        return;
      }
      default:
        return send(404);
    }
  });
  hanging = await startTestSite(() => undefined);
});
afterAll(async () => {
  await site.close();
  await hanging.close();
});

const fetcher = (extra: Partial<ConstructorParameters<typeof HttpPageFetcher>[0]> = {}) =>
  new HttpPageFetcher({
    userAgent: SCRAPER_USER_AGENT,
    timeoutMs: 500,
    maxBytes: 16 * 1024,
    maxRedirects: 5,
    allowPrivateHosts: ['127.0.0.1'],
    now: () => new Date('2026-11-23T10:00:00Z'),
    ...extra,
  });
const get = (path: string, f = fetcher()) => f.fetch(`${site.origin}${path}`, { accept });

describe('HttpPageFetcher', () => {
  it('fetches a page with its validators, and answers 304 to a matching conditional GET', async () => {
    const ok = await get('/page');
    expect(ok).toMatchObject({ kind: 'ok', status: 200, contentType: 'text/html', etag: '"v1"' });
    expect((ok as Extract<FetchOutcome, { kind: 'ok' }>).body.toString()).toBe('<p>hello</p>');
    expect(site.requests.at(-1)!.headers['user-agent']).toBe(SCRAPER_USER_AGENT);
    const again = await fetcher().fetch(`${site.origin}/page`, { accept, etag: '"v1"' });
    expect(again.kind).toBe('not-modified');
  });

  it.each([
    ['delta seconds', '7', 7000],
    ['an HTTP date', 'Mon, 23 Nov 2026 10:00:30 GMT', 30_000],
    ['nothing', '', undefined],
  ])('reads Retry-After as %s', async (_what, after, ms) => {
    const outcome = await get(`/slow-down?after=${encodeURIComponent(after)}`);
    expect(outcome).toEqual({
      kind: 'throttled',
      status: 429,
      ...(ms === undefined ? {} : { retryAfterMs: ms }),
    });
  });

  it.each([
    ['a 503', '/busy', { kind: 'throttled', status: 503 }],
    ['a 404', '/gone', { kind: 'failed', permanent: true, status: 404 }],
    [
      'a type not accepted',
      '/pdf',
      { kind: 'failed', permanent: true, reason: 'content type application/pdf is not accepted' },
    ],
    ['a body over the limit', '/big', { kind: 'failed', permanent: true, reason: 'larger than 16384 bytes' }],
    ['a redirect loop', '/loop', { kind: 'failed', permanent: true, reason: 'more than 5 redirects' }],
  ])('classifies %s', async (_what, path, expected) => {
    expect(await get(path)).toMatchObject(expected);
  });

  it('takes any content type, or none, and keeps the first bytes of a larger body when asked (robots.txt, RFC 9309 §2.5)', async () => {
    const untyped = await fetcher().fetch(`${site.origin}/untyped`, { accept: 'any' });
    expect(untyped).toMatchObject({ kind: 'ok', contentType: '' });
    expect((untyped as { body: Buffer }).body.toString()).toContain('Disallow: /x');
    expect(await fetcher().fetch(`${site.origin}/pdf`, { accept: 'any' })).toMatchObject({ kind: 'ok' });
    const cut = await fetcher().fetch(`${site.origin}/big`, { accept: 'any', truncateAt: 10_000 });
    expect(cut).toMatchObject({ kind: 'ok', truncated: true });
    expect((cut as { body: Buffer }).body.length).toBe(10_000);
  });

  it('gives up on a host that never answers, as a transient failure', async () => {
    const started = Date.now();
    expect(await fetcher().fetch(`${hanging.origin}/`, { accept })).toMatchObject({
      kind: 'failed',
      permanent: false,
      reason: 'timed out after 500 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('SSRF protection (after DNS resolution and on every redirect)', () => {
  it.each([
    ['the metadata server address', 'http://169.254.169.254/computeMetadata/v1/'],
    ['the metadata server name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['a private address', 'http://10.0.0.7/admin'],
    ['localhost by name', 'http://localhost:8080/'],
    ['IPv6 loopback', 'http://[::1]:8080/'],
    ['an IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:8080/'],
    ['a non-http scheme', 'file:///etc/passwd'],
  ])('refuses %s without connecting', async (_what, url) => {
    const outcome = await fetcher().fetch(url, { accept });
    expect(outcome).toMatchObject({ kind: 'failed', permanent: true });
  });

  it('refuses a public-looking name that resolves to a private address (checked after DNS)', async () => {
    const f = fetcher({ resolve: async () => [{ address: '192.168.1.20', family: 4 }] });
    expect(await f.fetch('http://intranet.example.com/', { accept })).toMatchObject({
      kind: 'failed',
      permanent: true,
      reason: 'refused: intranet.example.com resolves to a non-public address (192.168.1.20)',
    });
  });

  it('refuses a name that resolves to a public and a private address', async () => {
    const f = fetcher({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    expect((await f.fetch('http://rebind.example.com/', { accept })).kind).toBe('failed');
  });

  it.each([
    ['the metadata server', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.1.2.3/'],
    ['localhost', 'http://localhost/'],
  ])('refuses a redirect into %s', async (_what, to) => {
    const before = site.requests.length;
    const outcome = await get(`/redirect?to=${encodeURIComponent(to)}`);
    expect(outcome).toMatchObject({
      kind: 'failed',
      permanent: true,
      reason: expect.stringMatching(/^refused/),
    });
    expect(site.requests.length).toBe(before + 1); // only the redirecting request was made
  });

  it('refuses loopback itself when it is not explicitly allowed (production settings)', async () => {
    expect(await get('/page', fetcher({ allowPrivateHosts: [] }))).toMatchObject({
      kind: 'failed',
      permanent: true,
      reason: 'refused: 127.0.0.1 resolves to a non-public address (127.0.0.1)',
    });
  });

  it.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.0.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fc00::1', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['::a9fe:a9fe', false],
    ['::7f00:1', false],
    ['64:ff9b::a9fe:a9fe', false],
    ['2002:a9fe:a9fe::1', false],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false],
    ['224.0.0.1', false],
    ['not an ip', false],
  ])('isPublicAddress(%s) is %s', (address, expected) => expect(isPublicAddress(address)).toBe(expected));

  it('parses Retry-After dates in the past as 0 and ignores garbage', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('caps Retry-After at one hour, however far it points (never a timer past 2^31 ms)', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('999999999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(3_600_000);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('gives one deadline to the whole redirect chain', async () => {
    const started = Date.now();
    const outcome = await get('/slow-hop');
    expect(outcome).toMatchObject({ kind: 'failed', permanent: false, reason: 'timed out after 500 ms' });
    expect(Date.now() - started).toBeLessThan(900);
  });
});
