import {
  TransientError,
  type BlobWriter,
  type Clock,
  type EventPublisher,
  type FailureRecorder,
  type Logger,
} from '@backbone/shared/core';
import {
  ACCEPTED_CONTENT_TYPES,
  knowledgeEvents,
  type Attempt,
  type FinalOutcome,
  type KnowledgeSource,
  type ScrapeRequest,
  type ScrapeStore,
  type SourceInRun,
} from '@backbone/shared/scraping';
import { type HostGate } from './host-gate';
import { type FetchOutcome, type PageFetcher } from './page-fetcher';
import { contentHash, pageText } from './page-text';
import { backoffMs } from './retry-after';
import type { RobotsCache } from './robots-cache';

export interface WorkerLimits {
  perHost: number;
  maxAttempts: number;
  timeoutMs: number;
  backoffBaseMs: number;
  /** Waits longer than this are left to Pub/Sub's redelivery instead of held in the function. */
  maxInlineWaitMs: number;
}

export interface WorkerDeps {
  store: ScrapeStore;
  fetcher: PageFetcher;
  gate: HostGate;
  robots: RobotsCache;
  blobs: BlobWriter;
  publisher: EventPublisher;
  failures: FailureRecorder;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  limits: WorkerLimits;
  source: string;
}

export type WorkerResult = FinalOutcome | 'duplicate';

/**
 * Fetches one source for one run. Each attempt is counted in the run before it is made, so
 * attempts stay bounded across redeliveries; a settled outcome is never changed, so a redelivered
 * request does nothing. Content is written under its hash and the event carries a stable id, so
 * a crash after either and before settling repeats neither in effect.
 */
export async function scrapeSource(deps: WorkerDeps, request: ScrapeRequest, log: Logger): Promise<WorkerResult> {
  const { store, limits } = deps;
  // The source and its state in the run in one read; the first attempt is counted from it.
  let seen: SourceInRun | undefined = await store.sourceInRun(request.runId, request.sourceId);
  if (seen.final) return 'duplicate';
  const source = seen.source;
  if (!source || !source.enabled)
    return settle(deps, request, 'skipped', { reason: source ? 'the source is disabled' : 'no such source' });
  const url = new URL(source.url);
  const rules = await deps.robots.rulesFor(url.origin);
  if (!rules.isAllowed(source.url)) return settle(deps, request, 'skipped', { reason: 'disallowed by robots.txt' });

  for (;;) {
    const attempt = await store.beginAttempt(request.runId, request.sourceId, seen);
    seen = undefined;
    if (attempt.final) return 'duplicate';
    const lease = await deps.gate.acquire(url.host, {
      limit: limits.perHost,
      spacingMs: rules.crawlDelayMs,
      leaseMs: limits.timeoutMs + 5_000,
    });
    let outcome: FetchOutcome | undefined;
    let wait = 0;
    const waitAfter = (o: FetchOutcome) =>
      o.kind === 'throttled' && o.retryAfterMs !== undefined
        ? o.retryAfterMs
        : backoffMs(attempt.attempts, limits.backoffBaseMs, limits.maxInlineWaitMs * 4, deps.random);
    try {
      outcome = await deps.fetcher.fetch(source.url, {
        accept: ACCEPTED_CONTENT_TYPES,
        ...(source.etag ? { etag: source.etag } : {}),
        ...(source.lastModified ? { lastModified: source.lastModified } : {}),
      });
      // A host that says 429/503 slows down for all of its sources, not only this one; the pause
      // is recorded before the slot is released, so whoever is handed the slot sees it.
      if (outcome.kind === 'throttled' || (outcome.kind === 'failed' && !outcome.permanent)) wait = waitAfter(outcome);
      if (outcome.kind === 'throttled') await deps.gate.pause(url.host, deps.clock.now().getTime() + wait);
    } finally {
      await deps.gate.release(lease);
    }
    const now = deps.clock.now();
    if (outcome.kind === 'ok') return applyContent(deps, request, source, outcome, attempt, log);
    if (outcome.kind === 'not-modified')
      return settle(
        deps,
        request,
        'unchanged',
        { source: { lastFetchedAt: now, status: 'ok', failure: null } },
        attempt,
      );
    if (outcome.kind === 'failed' && outcome.permanent) return fail(deps, request, outcome.reason, attempt);

    const reason = outcome.kind === 'throttled' ? `HTTP ${outcome.status}` : outcome.reason;
    if (attempt.attempts >= limits.maxAttempts)
      return fail(deps, request, `gave up after ${attempt.attempts} attempts; last: ${reason}`, attempt);
    log.info('fetch will be retried', {
      sourceId: source.id,
      attempt: attempt.attempts,
      reason,
      waitMs: wait,
    });
    if (wait > limits.maxInlineWaitMs) throw new TransientError(`${reason}: retry after ${wait} ms`);
    await deps.sleep(wait);
  }
}

async function applyContent(
  deps: WorkerDeps,
  request: ScrapeRequest,
  source: KnowledgeSource,
  outcome: Extract<FetchOutcome, { kind: 'ok' }>,
  attempt: Attempt,
  log: Logger,
): Promise<WorkerResult> {
  const now = deps.clock.now();
  const text = pageText(outcome.body, outcome.contentType);
  const hash = contentHash(text);
  const validators = {
    ...(outcome.etag ? { etag: outcome.etag } : {}),
    ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
  };
  if (hash === source.lastHash)
    return settle(
      deps,
      request,
      'unchanged',
      { source: { ...validators, lastFetchedAt: now, status: 'ok', failure: null } },
      attempt,
    );
  const version = source.version + 1;
  const object = `sources/${source.id}/v${version}-${hash.slice(0, 16)}.txt`;
  const written = await deps.blobs.writeOnce(object, text, 'text/plain; charset=utf-8');
  await deps.publisher.publish(
    knowledgeEvents.name,
    knowledgeEvents.event('knowledge.source_updated', {
      id: `knowledge.source_updated:${source.id}:${hash}`,
      source: deps.source,
      time: now,
      subject: source.id,
      data: {
        sourceId: source.id,
        industry: source.industry,
        url: source.url,
        version,
        hash,
        object,
        bytes: Buffer.byteLength(text),
        runId: request.runId,
      },
    }),
    { orderingKey: source.id },
  );
  log.info('source updated', { sourceId: source.id, version, object, written });
  return settle(
    deps,
    request,
    'updated',
    { source: { ...validators, lastHash: hash, version, lastFetchedAt: now, status: 'ok', failure: null } },
    attempt,
  );
}

/**
 * Gives up on the source for this run: a dead letter (the one place operators look, README "Dead
 * letters") and the source marked failing. Acknowledged: redelivering would only fail again.
 */
async function fail(deps: WorkerDeps, request: ScrapeRequest, reason: string, attempt: Attempt): Promise<WorkerResult> {
  const now = deps.clock.now();
  await deps.failures.record({
    id: `scraping-worker:${request.runId}:${request.sourceId}`,
    function: 'scraping-worker',
    code: 'EVENT-001',
    reason,
    payload: { ...request, attempts: attempt.attempts },
    receivedAt: now,
  });
  return settle(
    deps,
    request,
    'failed',
    { reason, source: { status: 'failing', failure: { reason, at: now, runId: request.runId } } },
    attempt,
  );
}

async function settle(
  deps: WorkerDeps,
  request: ScrapeRequest,
  outcome: FinalOutcome,
  changes: { reason?: string; source?: Partial<KnowledgeSource> },
  attempt?: Attempt,
): Promise<WorkerResult> {
  const applied = await deps.store.finish(
    request.runId,
    request.sourceId,
    outcome,
    deps.clock.now(),
    changes,
    attempt?.mark,
  );
  return applied ? outcome : 'duplicate';
}
