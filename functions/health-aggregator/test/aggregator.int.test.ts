import { createLogger, systemClock } from '@backbone/shared/core';
import { PubSubEventPublisher } from '@backbone/shared/gcp';
import { ServiceDefinitionSchema } from '@backbone/shared/health';
import { FirestoreHealthStore, healthCollections } from '@backbone/shared/health/gcp';
import { HttpHealthProber } from '../adapters/http-health-prober';
import {
  createPullSubscription,
  pullMessages,
  serveHttp,
  startFakeServices,
  emulatorFirestore,
  uniqueProjectId,
  type FakeServices,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';

const projectId = uniqueProjectId();
const db = emulatorFirestore(projectId);
const store = new FirestoreHealthStore(db);
let fakes: FakeServices;
let served: Awaited<ReturnType<typeof serveHttp>>;
let base: string;

const fire = (scheduleTime?: string, init: RequestInit = {}) =>
  fetch(`${base}/`, {
    method: 'POST',
    ...init,
    headers: {
      ...(scheduleTime ? { 'X-CloudScheduler-ScheduleTime': scheduleTime } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
const count = async (collection: string) => (await db.collection(collection).count().get()).data().count;

beforeAll(async () => {
  fakes = await startFakeServices({
    '/fast': { status: 200, body: '{"status":"ok"}' },
    '/slow': { delayMs: 250, status: 200 },
    '/error': { status: 500 },
    '/garbage': { status: 200, body: '<html>not json</html>' },
    '/never': 'never',
  });
  const definitions = [
    { id: 'fast', url: fakes.url('/fast'), bodyCondition: { jsonField: 'status', equals: 'ok' } },
    { id: 'slow', url: fakes.url('/slow'), degradedAfterMs: 100 },
    { id: 'error', url: fakes.url('/error'), criticality: 'critical' as const },
    { id: 'garbage', url: fakes.url('/garbage'), bodyCondition: { jsonField: 'status', equals: 'ok' } },
    { id: 'never', url: fakes.url('/never'), timeoutMs: 300 },
    { id: 'behind-never', url: fakes.url('/never'), timeoutMs: 300, dependsOn: ['never'] },
  ];
  for (const d of definitions) await store.putService(ServiceDefinitionSchema.parse({ name: d.id, ...d }));
  await createPullSubscription(projectId, 'health-events', 'test-incidents');

  served = await serveHttp(
    'healthAggregatorUnderTest',
    makeHandler({
      store,
      prober: new HttpHealthProber(),
      publisher: PubSubEventPublisher.forProject(projectId),
      clock: systemClock,
      logger: createLogger({ service: 'health-aggregator', level: 'ERROR' }),
      thresholds: { downAfter: 3, degradedAfter: 2, recoverAfter: 2 },
      poolSize: 4,
      retentionDays: 7,
      leaseMs: 60_000,
      source: 'backbone/health-aggregator',
    }),
  );
  base = served.base;
});

afterAll(async () => {
  await fakes.close();
  await served.close();
});

describe('health-aggregator against the emulators', () => {
  it('classifies fast, slow, 500, garbage and silent services over three rounds and publishes incidents', async () => {
    for (const minute of ['10', '11', '12']) {
      const response = await fire(`2026-11-23T10:${minute}:00Z`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ skipped: false, services: 6 });
    }

    const snapshot = await store.getSnapshot();
    const statuses = Object.fromEntries(snapshot!.services.map((s) => [s.id, s.status]));
    expect(statuses).toEqual({
      fast: 'up',
      slow: 'degraded',
      error: 'down',
      garbage: 'down',
      never: 'down',
      'behind-never': 'impacted',
    });
    expect(snapshot!.status).toBe('major_outage');
    expect(await count(healthCollections.samples)).toBe(18);
    expect(await count(healthCollections.outbox)).toBe(0);

    const open = await store.listIncidents({ status: 'open', limit: 10 });
    expect(open.map((i) => i.serviceId).sort()).toEqual(['error', 'garbage', 'never']);
    expect(open.find((i) => i.serviceId === 'never')!.impacted).toEqual(['behind-never']);

    const messages = await pullMessages(projectId, 'test-incidents', 14);
    // On the wire, types are reverse-DNS (CloudEvents); consumers read them back as catalog names.
    const opened = messages.filter((m) => (m.data as { type: string }).type === 'io.backbone.health.incident_opened');
    expect(opened.map((m) => (m.data as { subject: string }).subject).sort()).toEqual(['error', 'garbage', 'never']);
    // Ordered by service, over a few shared keys (a service always on the same one).
    const keyOf = new Map(messages.map((m) => [(m.data as { subject: string }).subject, m.orderingKey]));
    for (const m of messages) {
      expect(m.orderingKey).toMatch(/^services-\d+$/);
      expect(m.orderingKey).toBe(keyOf.get((m.data as { subject: string }).subject));
    }
    expect(opened.every((m) => m.attributes.type === 'io.backbone.health.incident_opened')).toBe(true);
    // The CloudEvents Pub/Sub binding, structured mode.
    expect(opened.every((m) => m.attributes['content-type'] === 'application/cloudevents+json; charset=utf-8')).toBe(
      true,
    );
    expect(opened.every((m) => (m.data as { datacontenttype?: string }).datacontenttype === 'application/json')).toBe(
      true,
    );
  });

  it('resolves the incident when a service recovers', async () => {
    fakes.set('/error', { status: 200 });
    await fire('2026-11-23T10:13:00Z');
    await fire('2026-11-23T10:14:00Z');
    const resolved = await store.listIncidents({ status: 'resolved', limit: 10 });
    expect(resolved.map((i) => i.serviceId)).toEqual(['error']);
    const messages = await pullMessages(projectId, 'test-incidents', 2);
    expect(messages.map((m) => (m.data as { type: string }).type)).toContain('io.backbone.health.incident_resolved');
  });

  it('skips a retried firing of the same schedule time and writes nothing', async () => {
    const samples = await count(healthCollections.samples);
    const response = await fire('2026-11-23T10:14:00Z');
    expect(await response.json()).toEqual({ round: '20261123T101400000Z', skipped: true });
    expect(await count(healthCollections.samples)).toBe(samples);
  });

  it.each([
    ['a wrong method', { method: 'GET' }, 405, 'REQ-005'],
    ['an unknown path', { method: 'POST', path: '/nope' }, 404, 'REQ-004'],
    [
      'a bad schedule header',
      { method: 'POST', headers: { 'X-CloudScheduler-ScheduleTime': 'yesterday' } },
      400,
      'REQ-001',
    ],
    [
      'a non-JSON body',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' },
      400,
      'REQ-002',
    ],
    [
      'an oversized body',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ x: 'y'.repeat(10_000) }),
      },
      413,
      'REQ-007',
    ],
  ])('answers %s with a problem and writes nothing', async (_what, request, status, code) => {
    const samples = await count(healthCollections.samples);
    const { path = '/', ...init } = request as RequestInit & { path?: string };
    const response = await fetch(`${base}${path}`, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status, code });
    expect(await count(healthCollections.samples)).toBe(samples);
  });
});
