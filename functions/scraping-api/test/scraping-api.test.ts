import { type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { newSource, type KnowledgeSource } from '@backbone/shared/scraping';
import {
  captureLogs,
  contractClient,
  invokeHttp,
  ManualClock,
  MemoryAuditLog,
  MemoryScrapeStore,
  RecordingEventPublisher,
  SequentialIds,
  StaticAuthenticator,
  staffUser,
  tenantUser,
} from '@backbone/shared/testing';
import schedulerManifest from '../../scraping-scheduler/function';
import { makeHandler as makeSchedulerHandler } from '../../scraping-scheduler/handler';
import manifest from '../function';
import type { paths } from '../../../openapi/scraping-api';
import { makeHandler } from '../handler';
import { routes } from '../routes';

const callers: Record<string, Caller> = {
  manager: staffUser('im', ['industry_manager']),
  auditor: staffUser('aud', ['auditor']),
  tenant: tenantUser('c', 'acme'),
};
const NOW = new Date('2026-11-23T20:30:00Z');
const source = (id: string, extra: Partial<KnowledgeSource> = {}): KnowledgeSource => ({
  ...newSource({ id, url: `https://${id}.example/page`, industry: 'retail', status: 'ok', version: 1 }),
  ...extra,
});

async function setup() {
  const store = new MemoryScrapeStore();
  const publisher = new RecordingEventPublisher();
  const audit = new MemoryAuditLog();
  const clock = new ManualClock(NOW);
  await store.putSource(source('daily-a'));
  await store.putSource(
    source('weekly-fresh', { schedule: 'weekly', lastFetchedAt: new Date(NOW.getTime() - 86_400_000) }),
  );
  await store.putSource(
    source('weekly-due', { schedule: 'weekly', lastFetchedAt: new Date(NOW.getTime() - 8 * 86_400_000) }),
  );
  await store.putSource(source('off', { enabled: false }));
  await store.putSource(
    source('broken', { status: 'failing', failure: { reason: 'HTTP 404', at: NOW, runId: 'run-0' } }),
  );
  const handler = makeHandler(
    {
      store,
      publisher,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      clock,
      ids: new SequentialIds('run'),
      source: 'backbone/scraping-api',
      logger: captureLogs().logger,
    },
    { declared: declaredRoutes(manifest), authenticator: new StaticAuthenticator(callers) },
  );
  const as = (who: string | undefined, method: string, path: string, body?: object) =>
    invokeHttp(handler, {
      method,
      path,
      headers: who ? { authorization: `Bearer ${who}` } : {},
      ...(body ? { body } : {}),
    });
  return { store, publisher, audit, clock, as, handler };
}
const requested = (p: RecordingEventPublisher) =>
  p.published.filter((e) => e.topic === 'scrape-requests').map((e) => (e.event.data as { sourceId: string }).sourceId);

describe('scraping-api (operator)', () => {
  it('starts a run of every due source for an Industry Manager, and follows it', async () => {
    const { as, publisher, store } = await setup();
    const res = await as('manager', 'POST', '/v1/scraping/runs', {});
    expect(res.status).toBe(202);
    const { runId } = res.json() as { runId: string };
    expect(res.headers.location).toBe(`/v1/scraping/runs/${runId}`);
    expect(requested(publisher).sort()).toEqual(['broken', 'daily-a', 'weekly-due']);

    await store.finish(runId, 'daily-a', 'updated', NOW, {});
    await store.finish(runId, 'broken', 'failed', NOW, { reason: 'HTTP 404' });
    const progress = await as('auditor', 'GET', `/v1/scraping/runs/${runId}`);
    expect(progress.json()).toMatchObject({
      id: runId,
      trigger: 'operator',
      requestedBy: 'user:im',
      total: 3,
      status: 'running',
      counts: { requested: 1, updated: 1, failed: 1, unchanged: 0, skipped: 0 },
      sources: expect.arrayContaining([
        {
          sourceId: 'broken',
          outcome: 'failed',
          attempts: 0,
          reason: 'HTTP 404',
          finishedAt: NOW.toISOString(),
        },
      ]),
    });
  });

  it('runs one source now, due or not', async () => {
    const { as, publisher } = await setup();
    const res = await as('manager', 'POST', '/v1/scraping/runs', { sourceId: 'weekly-fresh' });
    expect(res.status).toBe(202);
    expect(requested(publisher)).toEqual(['weekly-fresh']);
  });

  it('lists sources by status, as its OpenAPI contract says (dates as ISO strings)', async () => {
    const { handler } = await setup();
    const auditor = contractClient<paths>(routes, handler, { authorization: 'Bearer auditor' });
    const failing = await auditor.GET('/v1/scraping/sources', { params: { query: { status: 'failing' } } });
    expect(failing.data?.sources).toEqual([
      expect.objectContaining({
        id: 'broken',
        failure: { reason: 'HTTP 404', at: NOW.toISOString(), runId: 'run-0' },
      }),
    ]);
  });

  it.each([
    ['a tenant user', 'tenant', 'POST', '/v1/scraping/runs', {}, 403, 'POLICY-001'],
    ['an auditor starting a run', 'auditor', 'POST', '/v1/scraping/runs', {}, 403, 'POLICY-001'],
    ['anonymous', undefined, 'GET', '/v1/scraping/sources', undefined, 401, 'AUTH-001'],
    ['an unknown source', 'manager', 'POST', '/v1/scraping/runs', { sourceId: 'nope' }, 404, 'REQ-003'],
    [
      'an auditor naming an unknown source (no existence oracle)',
      'auditor',
      'POST',
      '/v1/scraping/runs',
      { sourceId: 'nope' },
      403,
      'POLICY-001',
    ],
    [
      'a tenant user naming an unknown source',
      'tenant',
      'POST',
      '/v1/scraping/runs',
      { sourceId: 'nope' },
      403,
      'POLICY-001',
    ],
    ['an extra field', 'manager', 'POST', '/v1/scraping/runs', { all: true }, 400, 'REQ-001'],
    ['an unknown status', 'auditor', 'GET', '/v1/scraping/sources?status=bad', undefined, 400, 'REQ-001'],
    ['an unknown run', 'auditor', 'GET', '/v1/scraping/runs/none', undefined, 404, 'REQ-003'],
  ])('refuses %s', async (_what, who, method, path, body, status, code) => {
    const { as, publisher } = await setup();
    const res = await as(who, method, path, body);
    expect([res.status, (res.json() as { code: string }).code]).toEqual([status, code]);
    expect(requested(publisher)).toEqual([]);
  });
});

describe('scraping-scheduler', () => {
  async function scheduler() {
    const ctx = await setup();
    const handler = makeSchedulerHandler(
      {
        store: ctx.store,
        publisher: ctx.publisher,
        clock: ctx.clock,
        source: 'backbone/scraping-scheduler',
        logger: captureLogs().logger,
      },
      {
        declared: declaredRoutes(schedulerManifest),
        authenticator: new StaticAuthenticator({
          sched: {
            kind: 'service',
            email: 'sched-scraping-scheduler@p.iam.gserviceaccount.com',
            subject: '1',
          },
        }),
      },
    );
    const fire = (headers: Record<string, string>) => invokeHttp(handler, { method: 'POST', path: '/', headers });
    return { ...ctx, fire };
  }

  it('fires daily at 02:00 IST', () =>
    expect(schedulerManifest.trigger).toMatchObject({
      kind: 'schedule',
      cron: '0 2 * * *',
      timeZone: 'Asia/Kolkata',
    }));

  it('names the run after the schedule time, so a retried firing publishes nothing twice', async () => {
    const { publisher, store } = await scheduler();
    const handler = makeSchedulerHandler({
      store,
      publisher,
      clock: new ManualClock(NOW),
      source: 'backbone/scraping-scheduler',
      logger: captureLogs().logger,
    });
    const fire = () =>
      invokeHttp(handler, {
        method: 'POST',
        path: '/',
        headers: { 'x-cloudscheduler-scheduletime': '2026-11-22T20:30:00Z' },
      });
    expect((await fire()).json()).toEqual({
      runId: 'scheduled-20261122T203000000Z',
      created: true,
      published: 3,
    });
    await store.finish('scheduled-20261122T203000000Z', 'daily-a', 'updated', NOW, {});
    expect((await fire()).json()).toEqual({
      runId: 'scheduled-20261122T203000000Z',
      created: false,
      published: 2,
    });
    expect(requested(publisher)).toHaveLength(5);
  });

  it('refuses callers without the scheduler identity and a malformed schedule time', async () => {
    const { fire, publisher } = await scheduler();
    expect((await fire({})).status).toBe(401);
    const bad = await fire({ authorization: 'Bearer sched', 'x-cloudscheduler-scheduletime': 'yesterday' });
    expect([bad.status, (bad.json() as { code: string }).code]).toEqual([400, 'REQ-001']);
    expect(requested(publisher)).toEqual([]);
    expect((await fire({ authorization: 'Bearer sched' })).status).toBe(200);
  });
});

describe('scraping-api: sources', () => {
  const body = { url: 'https://rbi.example/circulars', industry: 'finance' };

  it('adds a source for an Industry Manager, keeps its fetch state on an edit, and starts over on a new URL', async () => {
    const { as, store } = await setup();
    const created = await as('manager', 'PUT', '/v1/scraping/sources/rbi-circulars', body);
    expect([created.status, created.json()]).toEqual([
      201,
      expect.objectContaining({ id: 'rbi-circulars', status: 'never', schedule: 'daily', enabled: true }),
    ]);
    await store.putSource({
      ...(await store.source('rbi-circulars'))!,
      lastHash: 'abc',
      status: 'ok',
      version: 3,
    });
    const edited = await as('manager', 'PUT', '/v1/scraping/sources/rbi-circulars', {
      ...body,
      schedule: 'weekly',
    });
    expect([edited.status, edited.json()]).toEqual([
      200,
      expect.objectContaining({ schedule: 'weekly', lastHash: 'abc', version: 3 }),
    ]);
    const moved = await as('manager', 'PUT', '/v1/scraping/sources/rbi-circulars', {
      ...body,
      url: 'https://rbi.example/new',
    });
    expect(moved.json()).toMatchObject({ status: 'never', version: 3 });
    expect(moved.json()).not.toHaveProperty('lastHash');
  });

  it.each([
    ['a tenant user', 'tenant', body, 403],
    ['a file URL', 'manager', { ...body, url: 'file:///etc/passwd' }, 400],
    ['fetch state from the caller', 'manager', { ...body, lastHash: 'x' }, 400],
    // A stored URL is fetched, so it cannot be masked: one carrying PII or a credential is refused.
    ['a URL with an e-mail', 'manager', { ...body, url: 'https://rbi.example/u/asha%40example.com' }, 400],
    ['a URL with a token', 'manager', { ...body, url: 'https://rbi.example/c?access_token=abc123' }, 400],
  ])('refuses %s and stores nothing', async (_what, who, payload, status) => {
    const { as, store } = await setup();
    expect((await as(who, 'PUT', '/v1/scraping/sources/new-one', payload)).status).toBe(status);
    expect(await store.source('new-one')).toBeUndefined();
  });
});
