import { Storage } from '@google-cloud/storage';
import { systemClock, type EventEnvelope } from '@backbone/shared/core';
import { GcsBlobWriter, PubSubEventPublisher } from '@backbone/shared/gcp';
import { newSource, startRun } from '@backbone/shared/scraping';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import { FirestoreHostGate } from '../adapters/firestore-host-gate';
import { HttpPageFetcher } from '../adapters/http-page-fetcher';
import { SCRAPER_USER_AGENT } from '../robots';
import {
  captureLogs,
  createPullSubscription,
  ensureTopic,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  pullMessages,
  startTestSite,
  emulatorFirestore,
  uniqueProjectId,
  type TestSite,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';
import { RobotsCache } from '../robots-cache';

// Two worker "instances" (each with its own gate, robots cache and fetcher) share one Firestore:
// the per-host limit must hold across them. Content goes to the Storage emulator, events to Pub/Sub.
const project = uniqueProjectId();
const db = emulatorFirestore(project);
const store = new FirestoreScrapeStore(db);
const publisher = PubSubEventPublisher.forProject(project);
const bucket = new Storage({ projectId: project }).bucket(`${project}-scraped-content`);
let site: TestSite;

function instance() {
  const fetcher = new HttpPageFetcher({
    userAgent: SCRAPER_USER_AGENT,
    timeoutMs: 5000,
    maxBytes: 1 << 20,
    maxRedirects: 5,
    allowPrivateHosts: ['127.0.0.1'],
  });
  const gate = new FirestoreHostGate(db);
  return makeHandler({
    store,
    fetcher,
    gate,
    robots: new RobotsCache(fetcher, gate, { limit: 5, leaseMs: 10_000 }, Date.now),
    blobs: new GcsBlobWriter(bucket),
    publisher,
    failures: new MemoryFailureRecorder(),
    clock: systemClock,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    limits: { perHost: 5, maxAttempts: 3, timeoutMs: 5000, backoffBaseMs: 100, maxInlineWaitMs: 5000 },
    source: 'backbone/scraping-worker',
    logger: captureLogs('scraping-worker').logger,
  });
}

beforeAll(async () => {
  site = await startTestSite((req, res) =>
    setTimeout(() => {
      res.writeHead(req.url === '/robots.txt' ? 404 : 200, { 'content-type': 'text/plain' });
      res.end(`page ${req.url}`);
    }, 150),
  );
  await ensureTopic(project, 'scrape-requests');
  await createPullSubscription(project, 'knowledge-events', 'knowledge-test');
});
afterAll(async () => {
  await site.close();
});

describe('scraping on the emulators', () => {
  it('keeps one host at 5 requests in flight across two instances, writes each page once, and settles the run', async () => {
    for (let i = 0; i < 12; i++)
      await store.putSource(newSource({ id: `page-${i}`, url: `${site.origin}/p/${i}`, industry: 'retail' }));
    const started = await startRun(
      { store, publisher },
      { runId: 'run-int', trigger: 'operator', requestedBy: 'test', now: new Date(), source: 'test' },
    );
    expect(started).toEqual({ runId: 'run-int', created: true, published: 12 });
    const [a, b] = [instance(), instance()];
    const deliver = (handler: ReturnType<typeof instance>, i: number) =>
      handler(
        pubsubCloudEvent(
          {
            specversion: '1.0',
            id: `req-${i}`,
            type: 'scraping.requested',
            source: 'test',
            time: new Date().toISOString(),
            subject: `page-${i}`,
            dataversion: '1',
            data: { runId: 'run-int', sourceId: `page-${i}` },
          } satisfies EventEnvelope,
          `m-${i}`,
        ),
      );
    await Promise.all(Array.from({ length: 12 }, (_, i) => deliver(i % 2 ? a : b, i)));

    expect(site.maxInFlight()).toBeLessThanOrEqual(5);
    const { run, sources } = (await store.run('run-int'))!;
    expect(run).toMatchObject({ status: 'finished', counts: { requested: 0, updated: 12, failed: 0 } });
    expect(sources.every((s) => s.attempts === 1)).toBe(true);
    const [files] = await bucket.getFiles({ prefix: 'sources/page-3/' });
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^sources\/page-3\/v1-[0-9a-f]{16}\.txt$/)]);
    const events = await pullMessages(project, 'knowledge-test', 12);
    expect(events).toHaveLength(12);
    expect(events[0]!.data).toMatchObject({ type: 'io.backbone.knowledge.source_updated', data: { version: 1 } });

    // A redelivered request changes nothing; a retried start republishes nothing settled.
    const before = site.requests.length;
    await deliver(a, 3);
    expect(site.requests.length).toBe(before);
    expect(
      await startRun(
        { store, publisher },
        { runId: 'run-int', trigger: 'operator', requestedBy: 'test', now: new Date(), source: 'test' },
      ),
    ).toEqual({ runId: 'run-int', created: false, published: 0 });
  }, 60_000);
});

describe('FirestoreScrapeStore: settling an attempt', () => {
  const source = (id: string) => newSource({ id, url: `${site.origin}/s/${id}`, industry: 'retail' });
  const open = async (runId: string, id: string) => {
    await store.putSource(source(id));
    await store.createRun({ id: runId, trigger: 'operator', requestedBy: 'test', requestedAt: new Date(), total: 1 }, [
      id,
    ]);
  };

  it('settles with the attempt mark in one conditional write, once', async () => {
    await open('run-mark', 'marked');
    const seen = await store.sourceInRun('run-mark', 'marked');
    expect(seen).toMatchObject({ final: false, attempts: 0, source: { id: 'marked' } });
    const attempt = await store.beginAttempt('run-mark', 'marked', seen);
    expect(attempt).toMatchObject({ final: false, attempts: 1 });
    const changes = { source: { status: 'ok' as const, version: 1 } };
    expect(await store.finish('run-mark', 'marked', 'updated', new Date(), changes, attempt.mark)).toBe(true);
    // The same settle again (a redelivery that got this far): the mark is stale, the record settled.
    expect(await store.finish('run-mark', 'marked', 'failed', new Date(), { reason: 'late' }, attempt.mark)).toBe(
      false,
    );
    const { sources } = (await store.run('run-mark'))!;
    expect(sources[0]).toMatchObject({ outcome: 'updated', attempts: 1 });
    expect(await store.source('marked')).toMatchObject({ status: 'ok', version: 1 });
  });

  it('falls back to a transaction when another delivery counted an attempt since, and settles once', async () => {
    await open('run-race', 'raced');
    const first = await store.beginAttempt('run-race', 'raced');
    const second = await store.beginAttempt('run-race', 'raced');
    expect([first.attempts, second.attempts]).toEqual([1, 2]);
    const settled = await Promise.all([
      store.finish('run-race', 'raced', 'updated', new Date(), {}, first.mark),
      store.finish('run-race', 'raced', 'unchanged', new Date(), {}, second.mark),
    ]);
    expect(settled.filter(Boolean)).toHaveLength(1);
    const { sources } = (await store.run('run-race'))!;
    expect(sources[0]).toMatchObject({ outcome: settled[0] ? 'updated' : 'unchanged', attempts: 2 });
    expect(await store.sourceInRun('run-race', 'raced')).toMatchObject({ final: true, attempts: 2 });
  });
});
