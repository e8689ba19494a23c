import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Storage } from '@google-cloud/storage';
import { createLogger, systemClock } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder, GcsBlobWriter, PubSubEventPublisher } from '@backbone/shared/gcp';
import { newSource, scrapeRequests, startRun } from '@backbone/shared/scraping';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import { FirestoreHostGate } from '../functions/scraping-worker/adapters/firestore-host-gate';
import { HttpPageFetcher } from '../functions/scraping-worker/adapters/http-page-fetcher';
import { SCRAPER_USER_AGENT } from '../functions/scraping-worker/robots';
import type { FetchOutcome, PageFetcher } from '../functions/scraping-worker/page-fetcher';
import {
  ensureTopic,
  MemoryBlobWriter,
  MemoryFailureRecorder,
  MemoryScrapeStore,
  pubsubCloudEvent,
  RecordingEventPublisher,
  startTestSite,
  type TestSite,
} from '@backbone/shared/testing';
import { MemoryHostGate } from '../functions/scraping-worker/test/memory-host-gate';
import type { ScrapeStore } from '@backbone/shared/scraping';
import { makeHandler } from '../functions/scraping-worker/handler';
import { RobotsCache } from '../functions/scraping-worker/robots-cache';
import workerManifest from '../functions/scraping-worker/function';
import { bucketEnv } from '../scripts/local/buckets';
import { bundleFunction } from '../scripts/local/bundle';
import { startFunction, waitUntilListening } from '../scripts/local/function-process';
import { wirePubSub } from '../scripts/local/pubsub-wiring';

export interface ScrapingResult {
  sources: number;
  hosts: number;
  serviceMs: number;
  retryAfterSeconds: number;
  throttledShare: number;
  wallMs: number;
  idealMs: number;
  maxPerHost: number;
  requests: number;
  throttled: number;
  /**
   * Page requests that reached a host within the Retry-After of a 429 it had sent, counted at the
   * host: this includes requests already on their way before the worker could have read the 429.
   */
  retryAfterViolations: number;
  /** Page requests the worker started at a host after it had received a 429 from it and before its Retry-After ran out (in-process runs only). */
  startedWhilePaused?: number;
  robots: number;
  updated: number;
}

/**
 * The ideal schedule for the limits, simulated: each host serves its requests in arrival order,
 * 5 at a time, each taking `serviceMs`; once a 429 has arrived nothing starts at that host until
 * its Retry-After has passed, and the refused request is retried at the back of the queue. No
 * overhead anywhere (no storage, no coordination, no backoff beyond what the host asked).
 */
export function idealSchedule(hostQueues: boolean[][], limit: number, serviceMs: number, retryAfterMs: number): number {
  let makespan = 0;
  for (const plan of hostQueues) {
    const queue = [...plan];
    const slots: number[] = Array(limit).fill(0);
    const refusals: number[] = [];
    let pausedUntil = 0;
    while (queue.length > 0) {
      slots.sort((a, b) => a - b);
      const t = Math.max(slots[0]!, pausedUntil);
      const arrived = refusals.filter((at) => at <= t);
      if (arrived.length > 0) {
        pausedUntil = Math.max(pausedUntil, ...arrived.map((at) => at + retryAfterMs));
        refusals.splice(0, refusals.length, ...refusals.filter((at) => at > t));
        if (pausedUntil > t) continue;
      }
      const throttled = queue.shift()!;
      const end = t + serviceMs;
      slots[0] = end;
      if (throttled) {
        refusals.push(end);
        queue.push(false);
      }
      makespan = Math.max(makespan, end);
    }
  }
  return makespan;
}

type Options = { hosts: number; perHost: number; serviceMs: number; retryAfterSeconds: number };

/** The hosts (loopback sites answering after `serviceMs`, every 10th source's first request a 429) and their sources in `store`. */
/** A daily source never fetched yet: due in the next run. */
function putBenchSource(store: ScrapeStore, id: string, url: string): Promise<void> {
  return store.putSource(newSource({ id, url, industry: 'bench' }));
}

async function startSites(store: ScrapeStore, options: Options) {
  // Every 10th source's first answer is a 429 with Retry-After: 10% of the minimum number of answers.
  const sites: TestSite[] = [];
  const throttledPlan: boolean[][] = [];
  /** Per host, when each 429 was sent: a request arriving within its Retry-After violates it. */
  const throttledAt: number[][] = [];
  let robots = 0;
  for (let h = 0; h < options.hosts; h++) {
    const seen = new Set<string>();
    const sent: number[] = [];
    throttledAt.push(sent);
    sites.push(
      await startTestSite((req, res) => {
        const path = req.url ?? '/';
        if (path === '/robots.txt') {
          robots++;
          return (res.writeHead(404), res.end());
        }
        setTimeout(() => {
          const throttle = path.endsWith('/0') && !seen.has(path);
          seen.add(path);
          if (throttle) {
            sent.push(Date.now());
            res.writeHead(429, { 'retry-after': String(options.retryAfterSeconds) });
            return res.end();
          }
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(`<h1>${path}</h1><p>${'knowledge '.repeat(200)}</p>`);
        }, options.serviceMs);
      }),
    );
    throttledPlan.push(Array.from({ length: options.perHost }, (_, i) => i === 0));
  }
  const ids: string[] = [];
  for (const [h, site] of sites.entries())
    for (let i = 0; i < options.perHost; i++) {
      const id = `h${h}-s${i}`;
      ids.push(id);
      await putBenchSource(store, id, `${site.origin}/page/${i}`);
    }
  /** What one run did to the sites, against the ideal schedule for them. */
  const result = (wallMs: number, updated: number): ScrapingResult => ({
    sources: ids.length,
    hosts: options.hosts,
    serviceMs: options.serviceMs,
    retryAfterSeconds: options.retryAfterSeconds,
    throttledShare: 0.1,
    wallMs,
    idealMs: idealSchedule(throttledPlan, 5, options.serviceMs, options.retryAfterSeconds * 1000),
    maxPerHost: Math.max(...sites.map((s) => s.maxInFlight())),
    requests: sites.reduce((n, s) => n + s.requests.filter((r) => r.path !== '/robots.txt').length, 0),
    throttled: options.hosts,
    retryAfterViolations: sites.reduce(
      (n, site, h) =>
        n +
        site.requests.filter(
          (r) =>
            r.path !== '/robots.txt' &&
            throttledAt[h]!.some((t) => r.at > t && r.at < t + options.retryAfterSeconds * 1000),
        ).length,
      0,
    ),
    robots,
    updated,
  });
  return { sites, ids, result };
}

/**
 * The worker's fetcher, watched from the worker's side: when each page request left and when each
 * 429 came back, so a request started while the worker knew its host was paused can be told from
 * one that was already on its way when the host sent the 429.
 */
class WatchedFetcher implements PageFetcher {
  private readonly started: { host: string; at: number }[] = [];
  private readonly refused: { host: string; at: number; untilMs: number }[] = [];

  constructor(private readonly inner: PageFetcher) {}

  async fetch(url: string, options: Parameters<PageFetcher['fetch']>[1]): Promise<FetchOutcome> {
    const host = new URL(url).host;
    const page = !url.endsWith('/robots.txt');
    if (page) this.started.push({ host, at: Date.now() });
    const outcome = await this.inner.fetch(url, options);
    if (page && outcome.kind === 'throttled')
      this.refused.push({ host, at: Date.now(), untilMs: Date.now() + (outcome.retryAfterMs ?? 0) });
    return outcome;
  }

  startedWhilePaused(): number {
    return this.started.filter((s) => this.refused.some((r) => r.host === s.host && s.at > r.at && s.at < r.untilMs))
      .length;
  }
}

/**
 * One run of 100 sources. `emulators`: the production adapters on the emulators. `memory`: the same
 * worker code with in-memory store, gate, blobs and publisher, which shows the schedule the worker's
 * own policy achieves apart from the storage it coordinates through.
 */
export async function benchScraping(
  mode: 'emulators' | 'memory',
  options: Options = { hosts: 10, perHost: 10, serviceMs: 200, retryAfterSeconds: 1 },
): Promise<ScrapingResult> {
  const project = `demo-bench-scrape-${Date.now()}`;
  const db = createFirestore(project);
  const onEmulators = mode === 'emulators';
  const store = onEmulators ? new FirestoreScrapeStore(db) : new MemoryScrapeStore();
  const publisher = onEmulators ? PubSubEventPublisher.forProject(project) : new RecordingEventPublisher();
  if (onEmulators) for (const topic of ['scrape-requests', 'knowledge-events']) await ensureTopic(project, topic);
  const { sites, ids, result } = await startSites(store, options);
  const fetcher = new WatchedFetcher(
    new HttpPageFetcher({
      userAgent: SCRAPER_USER_AGENT,
      timeoutMs: 10_000,
      maxBytes: 1 << 20,
      maxRedirects: 5,
      allowPrivateHosts: ['127.0.0.1'],
    }),
  );
  const gate = onEmulators ? new FirestoreHostGate(db) : new MemoryHostGate();
  const handler = makeHandler({
    store,
    fetcher,
    gate,
    robots: new RobotsCache(fetcher, gate, { limit: 5, leaseMs: 15_000 }, Date.now),
    blobs: onEmulators
      ? new GcsBlobWriter(new Storage({ projectId: project }).bucket(`${project}-scraped-content`))
      : new MemoryBlobWriter(),
    publisher,
    failures: onEmulators ? new FirestoreFailureRecorder(db) : new MemoryFailureRecorder(),
    clock: systemClock,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    limits: { perHost: 5, maxAttempts: 4, timeoutMs: 10_000, backoffBaseMs: 500, maxInlineWaitMs: 60_000 },
    source: 'bench',
    logger: createLogger({ service: 'bench', level: 'ERROR' }),
  });

  const runId = 'bench-run';
  await startRun(
    { store, publisher },
    { runId, trigger: 'operator', requestedBy: 'bench', now: new Date(), source: 'bench' },
  );
  const started = performance.now();
  // Every request delivered at once, as Pub/Sub pushes them to as many instances as it takes.
  await Promise.all(
    ids.map((sourceId, i) =>
      handler(
        pubsubCloudEvent(
          scrapeRequests.event('scraping.requested', {
            id: `req-${i}`,
            source: 'bench',
            time: new Date(),
            subject: sourceId,
            data: { runId, sourceId },
          }),
          `m-${i}`,
        ),
      ),
    ),
  );
  const wallMs = performance.now() - started;
  const summary = (await store.run(runId))!.run;
  const measured = { ...result(wallMs, summary.counts.updated), startedWhilePaused: fetcher.startedWhilePaused() };
  if (process.env.BENCH_SCRAPE_TRACE)
    for (const site of sites.slice(0, 2))
      console.log(
        site.requests
          .map((r) => `${r.path.slice(-7)}@${Math.round(r.at - performance.timeOrigin - started)}`)
          .join(' '),
      );
  await Promise.all(sites.map((s) => s.close()));
  await db.terminate();
  return measured;
}

/**
 * The same run through the suite as `npm start` runs it: the run started by the API's own code
 * (startRun, publishing one request per source to `scrape-requests` on the Pub/Sub emulator), the
 * worker's deployed bundle in two local instances, and the local push relay delivering as many at
 * once as Cloud Run would run (concurrency x maxInstances). Timed from the run's start to the last source settled.
 */
export async function benchScrapingSuite(
  options: Options = { hosts: 10, perHost: 10, serviceMs: 200, retryAfterSeconds: 1 },
): Promise<ScrapingResult & { instances: number; inFlight: number; coldRunMs: number; cpuBusy: number | undefined }> {
  const project = `demo-bench-suite-${Date.now()}`;
  const db = createFirestore(project);
  const store = new FirestoreScrapeStore(db);
  const bundle = await bundleFunction(workerManifest);
  const instances = 2;
  const urls: string[] = [];
  const children: ChildProcess[] = [];
  const output: string[] = [];
  for (let k = 0; k < instances; k++) {
    const port = await freePort();
    urls.push(`http://127.0.0.1:${port}`);
    children.push(
      startFunction(workerManifest, {
        port,
        bundleDir: bundle.dir,
        env: {
          ...process.env,
          GOOGLE_CLOUD_PROJECT: project,
          GCLOUD_PROJECT: project,
          ...bucketEnv([workerManifest], project),
          SCRAPE_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
          SCRAPE_BACKOFF_BASE_MS: '500',
          LOG_LEVEL: 'WARNING',
        },
        onLine: (line) => output.push(line),
      }),
    );
  }
  const wiring = await wirePubSub({
    emulatorHost: process.env.PUBSUB_EMULATOR_HOST!,
    projectId: project,
    manifests: [workerManifest],
    urls: { [workerManifest.name]: urls },
  });
  const warmUpSite = await startTestSite(
    (_req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), res.end('warm')),
  );
  let sites: Awaited<ReturnType<typeof startSites>>['sites'] = [];
  try {
    await Promise.all(urls.map((url) => waitUntilListening(url)));
    const publisher = PubSubEventPublisher.forProject(project);
    /** Starts a run of every due source and waits until each is settled; its duration. */
    const run = async (runId: string) => {
      const started = performance.now();
      await startRun(
        { store, publisher },
        { runId, trigger: 'operator', requestedBy: 'bench', now: new Date(), source: 'bench' },
      );
      // Polled with a count of the sources still requested (one aggregation), not by reading the
      // run's hundred records: the poll must not load the emulator the workers are measured on.
      const requested = db
        .collection('scrape_runs')
        .doc(runId)
        .collection('sources')
        .where('outcome', '==', 'requested');
      const deadline = Date.now() + 120_000;
      while ((await requested.count().get()).data().count > 0) {
        if (Date.now() > deadline)
          throw new Error(
            `suite run not settled: ${JSON.stringify((await store.run(runId))!.run.counts)}\n${output.slice(-20).join('\n')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      const wallMs = performance.now() - started;
      return { wallMs, updated: (await store.run(runId))!.run.counts.updated, started };
    };
    // Warm processes, as a scheduler's instances are between runs: a small run of its own host
    // first (Firestore, Storage and Pub/Sub clients connected; the bench hosts' robots.txt not read).
    for (let i = 0; i < 2 * instances; i++)
      await putBenchSource(store, `warm-up-${i}`, `${warmUpSite.origin}/warm/${i}`);
    const coldMs = (await run('bench-suite-warm-up')).wallMs;
    const measured = await startSites(store, options);
    sites = measured.sites;
    const cpuBefore = cpuTimes();
    const { wallMs, updated, started } = await run('bench-suite-run');
    const cpuBusy = busyShare(cpuBefore, cpuTimes());
    if (process.env.BENCH_SCRAPE_TRACE) {
      const at = sites.flatMap((site) => site.requests.map((r) => Math.round(r.at - performance.timeOrigin - started)));
      at.sort((a, b) => a - b);
      console.log(
        'page requests at (ms from run start):',
        at.filter((_, i) => i % 10 === 0).join(' '),
        'last',
        at.at(-1),
      );
    }
    return {
      ...measured.result(wallMs, updated),
      coldRunMs: coldMs,
      cpuBusy,
      instances,
      inFlight: workerManifest.runtime.concurrency * workerManifest.runtime.maxInstances,
    };
  } finally {
    await wiring.stop();
    children.forEach((c) => c.kill('SIGTERM'));
    await Promise.all([...sites, warmUpSite].map((s) => s.close()));
    await db.terminate();
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The machine's CPU times (all cores) from /proc/stat, or undefined off Linux. */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3]! + fields[4]!; // idle + iowait
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** The share of all cores busy between two readings. */
function busyShare(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>): number | undefined {
  if (!before || !after || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}
