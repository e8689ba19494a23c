import type http from 'node:http';
import { type EventPublisher } from '@backbone/shared/core';
import { newSource, startRun, type KnowledgeSource } from '@backbone/shared/scraping';
import { HttpPageFetcher } from '../adapters/http-page-fetcher';
import { SCRAPER_USER_AGENT } from '../robots';
import {
  captureLogs,
  ManualClock,
  MemoryBlobWriter,
  MemoryFailureRecorder,
  MemoryScrapeStore,
  RecordingEventPublisher,
  startTestSite,
  type TestSite,
} from '@backbone/shared/testing';
import { MemoryHostGate } from './memory-host-gate';
import { RobotsCache } from '../robots-cache';
import { scrapeSource, type WorkerDeps } from '../service';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
const sites: TestSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});
async function site(routes: Record<string, Handler>, robots = ''): Promise<TestSite> {
  const s = await startTestSite((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/robots.txt') {
      if (!robots) return (res.writeHead(404), res.end());
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(robots);
    }
    const route = routes[path];
    if (!route) return (res.writeHead(404), res.end());
    return route(req, res);
  });
  sites.push(s);
  return s;
}
const html =
  (body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', ...headers });
    res.end(body);
  };

function setup(options: { maxAttempts?: number; maxInlineWaitMs?: number; publisher?: EventPublisher } = {}) {
  const clock = new ManualClock(new Date('2026-11-23T20:30:00Z'));
  const store = new MemoryScrapeStore();
  const gate = new MemoryHostGate();
  const blobs = new MemoryBlobWriter();
  const recorder = new RecordingEventPublisher();
  const failures = new MemoryFailureRecorder();
  const waits: number[] = [];
  const fetcher = new HttpPageFetcher({
    userAgent: SCRAPER_USER_AGENT,
    timeoutMs: 2000,
    maxBytes: 64 * 1024,
    maxRedirects: 5,
    allowPrivateHosts: ['127.0.0.1'],
    now: () => clock.now(),
  });
  const deps: WorkerDeps = {
    store,
    fetcher,
    gate,
    robots: new RobotsCache(fetcher, gate, { limit: 5, leaseMs: 10_000 }, () => clock.now().getTime()),
    blobs,
    publisher: options.publisher ?? recorder,
    failures,
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    limits: {
      perHost: 5,
      maxAttempts: options.maxAttempts ?? 4,
      timeoutMs: 2000,
      backoffBaseMs: 1000,
      maxInlineWaitMs: options.maxInlineWaitMs ?? 60_000,
    },
    source: 'backbone/scraping-worker',
  };
  const addSource = (id: string, url: string, extra: Partial<KnowledgeSource> = {}) =>
    store.putSource({ ...newSource({ id, url, industry: 'retail' }), ...extra });
  const run = async (runId = 'run-1') => {
    await startRun(
      { store, publisher: recorder },
      { runId, trigger: 'operator', requestedBy: 'test', now: clock.now(), source: 't' },
    );
    return runId;
  };
  const scrape = (runId: string, sourceId: string) => scrapeSource(deps, { runId, sourceId }, captureLogs().logger);
  return { clock, store, gate, blobs, recorder, failures, waits, deps, addSource, run, scrape };
}

const knowledge = (recorder: RecordingEventPublisher) =>
  recorder.published.filter((p) => p.topic === 'knowledge-events');

describe('scraping-worker: content', () => {
  it('writes changed text under a versioned path and publishes knowledge.source_updated; unchanged content writes nothing', async () => {
    const s = await site({ '/a': html('<h1>Policy</h1><p>Refunds within 30 days.</p>') });
    const { addSource, run, scrape, blobs, recorder, store } = setup();
    await addSource('retail-policy', `${s.origin}/a`);
    expect(await scrape(await run('r1'), 'retail-policy')).toBe('updated');
    const [path] = [...blobs.blobs.keys()];
    expect(path).toMatch(/^sources\/retail-policy\/v1-[0-9a-f]{16}\.txt$/);
    expect(blobs.blobs.get(path!)!.content).toBe('POLICY\n\nRefunds within 30 days.');
    expect(knowledge(recorder)).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({
          type: 'knowledge.source_updated',
          subject: 'retail-policy',
          data: expect.objectContaining({ version: 1, object: path, industry: 'retail' }),
        }),
        orderingKey: 'retail-policy',
      }),
    ]);
    expect(await store.source('retail-policy')).toMatchObject({ status: 'ok', version: 1 });

    expect(await scrape(await run('r2'), 'retail-policy')).toBe('unchanged');
    expect(blobs.blobs.size).toBe(1);
    expect(knowledge(recorder)).toHaveLength(1);
  });

  it('sends ETag and Last-Modified back, and a 304 is unchanged', async () => {
    const s = await site({
      '/a': (req, res) => {
        if (req.headers['if-none-match'] === '"abc"') return (res.writeHead(304), res.end());
        res.writeHead(200, {
          'content-type': 'text/plain',
          etag: '"abc"',
          'last-modified': 'Sun, 22 Nov 2026 10:00:00 GMT',
        });
        res.end('v1');
      },
    });
    const { addSource, run, scrape, blobs } = setup();
    await addSource('src', `${s.origin}/a`);
    await scrape(await run('r1'), 'src');
    expect(await scrape(await run('r2'), 'src')).toBe('unchanged');
    expect(s.requests.at(-1)!.headers).toMatchObject({
      'if-none-match': '"abc"',
      'if-modified-since': 'Sun, 22 Nov 2026 10:00:00 GMT',
    });
    expect(blobs.blobs.size).toBe(1);
  });

  it.each([
    [
      'an oversized body',
      (_q: http.IncomingMessage, r: http.ServerResponse) => (
        r.writeHead(200, { 'content-type': 'text/plain' }),
        r.end('x'.repeat(70_000))
      ),
      'larger than 65536 bytes',
    ],
    [
      'a wrong content type',
      html('%PDF', { 'content-type': 'application/pdf' }),
      'content type application/pdf is not accepted',
    ],
    [
      'a redirect into the metadata server',
      (_q: http.IncomingMessage, r: http.ServerResponse) => (
        r.writeHead(302, { location: 'http://169.254.169.254/computeMetadata/v1/' }),
        r.end()
      ),
      'refused: 169.254.169.254 resolves to a non-public address (169.254.169.254)',
    ],
  ])('fails %s at once: dead-lettered, source failing, nothing written', async (_what, handler, reason) => {
    const s = await site({ '/a': handler });
    const { addSource, run, scrape, blobs, failures, store } = setup();
    await addSource('src', `${s.origin}/a`);
    const runId = await run();
    expect(await scrape(runId, 'src')).toBe('failed');
    expect(blobs.blobs.size).toBe(0);
    expect(failures.letters.get(`scraping-worker:${runId}:src`)).toMatchObject({
      function: 'scraping-worker',
      code: 'EVENT-001',
      reason,
      payload: { runId, sourceId: 'src', attempts: 1 },
    });
    expect(await store.source('src')).toMatchObject({ status: 'failing', failure: { reason } });
    expect((await store.run(runId))!.sources[0]).toMatchObject({ outcome: 'failed', reason, attempts: 1 });
  });
});

describe('scraping-worker: politeness', () => {
  it.each([
    ['delta seconds', '3', 3000],
    ['an HTTP date', 'Mon, 23 Nov 2026 20:30:20 GMT', 20_000],
  ])('honours Retry-After as %s, pausing the whole host', async (_what, retryAfter, waitMs) => {
    let calls = 0;
    const s = await site({
      '/a': (_req, res) => {
        if (calls++ === 0) return (res.writeHead(429, { 'retry-after': retryAfter }), res.end());
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      },
    });
    const { addSource, run, scrape, waits, gate, clock } = setup();
    const pause = jest.spyOn(gate, 'pause');
    await addSource('src', `${s.origin}/a`);
    expect(await scrape(await run(), 'src')).toBe('updated');
    expect(waits).toEqual([waitMs]);
    expect(pause).toHaveBeenCalledWith(s.host, clock.now().getTime());
  });

  it("records the host's pause before it frees the slot, so a waiter handed the slot sees it (issue 13 item 5)", async () => {
    const s = await site({ '/a': (_req, res) => (res.writeHead(429, { 'retry-after': '600' }), res.end()) });
    const { addSource, run, scrape, gate } = setup();
    const order: string[] = [];
    const pause = gate.pause.bind(gate);
    const release = gate.release.bind(gate);
    gate.pause = async (...args) => {
      order.push('pause');
      await pause(...args);
    };
    gate.release = async (...args) => {
      order.push('release');
      await release(...args);
    };
    await addSource('src', `${s.origin}/a`);
    await expect(scrape(await run(), 'src')).rejects.toThrow(/retry after/);
    // The robots.txt fetch releases its own slot first; the page's slot is freed after the pause.
    expect(order.slice(-2)).toEqual(['pause', 'release']);
  });

  it('backs off exponentially on a 503 storm and gives up after the attempt budget', async () => {
    const s = await site({ '/a': (_req, res) => (res.writeHead(503), res.end()) });
    const { addSource, run, scrape, waits, failures } = setup({ maxAttempts: 4 });
    await addSource('src', `${s.origin}/a`);
    const runId = await run();
    expect(await scrape(runId, 'src')).toBe('failed');
    expect(s.requests.filter((r) => r.path === '/a')).toHaveLength(4);
    // Full jitter at 0.5 of base * 2^attempt: 1 s, 2 s, 4 s between the four attempts.
    expect(waits).toEqual([1000, 2000, 4000]);
    expect([...failures.letters.values()].map((letter) => letter.reason)).toEqual([
      'gave up after 4 attempts; last: HTTP 503',
    ]);
  });

  it('leaves a long Retry-After to Pub/Sub redelivery, and keeps counting attempts across deliveries', async () => {
    const s = await site({ '/a': (_req, res) => (res.writeHead(429, { 'retry-after': '600' }), res.end()) });
    const { addSource, run, scrape, store } = setup({ maxAttempts: 2, maxInlineWaitMs: 30_000 });
    await addSource('src', `${s.origin}/a`);
    const runId = await run();
    await expect(scrape(runId, 'src')).rejects.toMatchObject({ code: 'SYS-002' });
    expect((await store.run(runId))!.sources[0]).toMatchObject({ outcome: 'requested', attempts: 1 });
    expect(await scrape(runId, 'src')).toBe('failed'); // the redelivery: second and last attempt
  });

  it('skips a page robots.txt disallows for BackboneBot, and fetches what it allows', async () => {
    const s = await site(
      { '/private/a': html('secret'), '/public/b': html('open') },
      'User-agent: *\nDisallow:\n\nUser-agent: BackboneBot\nDisallow: /private/\n',
    );
    const { addSource, run, scrape, store } = setup();
    await addSource('hidden', `${s.origin}/private/a`);
    await addSource('shown', `${s.origin}/public/b`);
    const runId = await run();
    expect(await scrape(runId, 'hidden')).toBe('skipped');
    expect(await scrape(runId, 'shown')).toBe('updated');
    expect(s.requests.map((r) => r.path)).toEqual(['/robots.txt', '/public/b']); // robots.txt fetched once
    expect((await store.run(runId))!.sources.find((x) => x.sourceId === 'hidden')).toMatchObject({
      outcome: 'skipped',
      reason: 'disallowed by robots.txt',
    });
  });

  it("honours the host's Crawl-delay between request starts", async () => {
    const s = await site({ '/a': html('a'), '/b': html('b') }, 'User-agent: *\nCrawl-delay: 1\n');
    const { addSource, run, scrape, gate } = setup();
    const acquire = jest.spyOn(gate, 'acquire');
    await addSource('page-a', `${s.origin}/a`);
    await addSource('page-b', `${s.origin}/b`);
    const runId = await run();
    await Promise.all([scrape(runId, 'page-a'), scrape(runId, 'page-b')]);
    expect(acquire).toHaveBeenCalledWith(s.host, expect.objectContaining({ spacingMs: 1000 }));
    const starts = s.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(Math.abs(starts[1]! - starts[0]!)).toBeGreaterThanOrEqual(950);
  });

  it('never has more than 5 requests in flight at one host', async () => {
    const s = await site({
      '/slow': (_req, res) =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`t${Math.random()}`);
        }, 60),
    });
    const { addSource, run, scrape, gate } = setup();
    for (let i = 0; i < 20; i++) await addSource(`s${i}`, `${s.origin}/slow?${i}`);
    const runId = await run();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => scrape(runId, `s${i}`)));
    expect(results.every((r) => r === 'updated')).toBe(true);
    expect(s.maxInFlight()).toBe(5);
    expect(gate.maxInFlight.get(s.host)).toBe(5);
  });
});

describe('scraping-worker: redelivery and crashes', () => {
  it('does nothing for a request whose outcome is settled', async () => {
    const s = await site({ '/a': html('x') });
    const { addSource, run, scrape, recorder } = setup();
    await addSource('src', `${s.origin}/a`);
    const runId = await run();
    await scrape(runId, 'src');
    const requests = s.requests.length;
    expect(await scrape(runId, 'src')).toBe('duplicate');
    expect(s.requests.length).toBe(requests);
    expect(knowledge(recorder)).toHaveLength(1);
  });

  it('recovers from a crash after the write: the redelivery writes nothing new and republishes the same event', async () => {
    const s = await site({ '/a': html('<p>new rules</p>') });
    const { addSource, run, scrape, blobs, store, recorder } = setup();
    await addSource('src', `${s.origin}/a`);
    const runId = await run();
    recorder.failNext(); // the instance dies while publishing, after the write
    await expect(scrape(runId, 'src')).rejects.toThrow('publish failed');
    expect(blobs.blobs.size).toBe(1);
    expect(await scrape(runId, 'src')).toBe('updated');
    expect(blobs.blobs.size).toBe(1);
    expect(knowledge(recorder).map((p) => p.event.id)).toEqual([
      expect.stringMatching(/^knowledge\.source_updated:src:[0-9a-f]{64}$/),
    ]);
    expect(await store.source('src')).toMatchObject({ version: 1 });
  });
});
