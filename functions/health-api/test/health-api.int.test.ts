/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { createLogger } from '@backbone/shared/core';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { ServiceDefinitionSchema, type HealthSample } from '@backbone/shared/health';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import {
  contractClient,
  ManualClock,
  MemoryAuditLog,
  serveHttp,
  emulatorFirestore,
  uniqueProjectId,
} from '@backbone/shared/testing';
import type { paths } from '../../../openapi/health-api';
import { makeHandler } from '../handler';
import { routes } from '../routes';

const projectId = uniqueProjectId();
const db = emulatorFirestore(projectId);
const store = new FirestoreHealthStore(db);
const clock = new ManualClock(new Date('2026-11-23T12:00:00Z'));
let served: Awaited<ReturnType<typeof serveHttp>>;
let base: string;
// The client generated from openapi/health-api.json, checking each answer against its route's contract.
let client: ReturnType<typeof contractClient<paths>>;

const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000);
const sample = (minutesAgo: number, ok: boolean, latencyMs: number): HealthSample => ({
  serviceId: 'agent-runtime',
  round: `r${minutesAgo}`,
  at: at(minutesAgo),
  ok,
  slow: false,
  httpStatus: ok ? 200 : 503,
  latencyMs,
  errorClass: ok ? 'none' : 'http_status',
  expireAt: at(-7 * 1440),
});

beforeAll(async () => {
  await store.putService(
    ServiceDefinitionSchema.parse({
      id: 'agent-runtime',
      name: 'Agent Runtime',
      url: 'http://127.0.0.1:8003/health',
      criticality: 'critical',
    }),
  );
  await store.putService(
    ServiceDefinitionSchema.parse({
      id: 'billing',
      name: 'Billing <Service>',
      url: 'http://127.0.0.1:8006/health',
    }),
  );
  // 10 samples in the last hour (one failed), one from two days ago outside a 24h window.
  const samples = store.sampleWriter();
  for (const s of [
    ...Array.from({ length: 9 }, (_, i) => sample(i + 1, true, (i + 1) * 10)),
    sample(30, false, 5),
    sample(2 * 1440, false, 1),
  ]) {
    samples.add(s);
  }
  await samples.close();
  await store.applyChanges(
    [
      {
        state: {
          serviceId: 'billing',
          status: 'down',
          since: at(5),
          consecutiveFailures: 3,
          consecutiveSlow: 0,
          consecutiveHealthy: 0,
          impactedBy: [],
          impacting: [],
          openIncidentId: 'inc-billing-r5',
        },
        incident: {
          id: 'inc-billing-r5',
          serviceId: 'billing',
          serviceName: 'Billing <Service>',
          status: 'open',
          severity: 'major',
          openedAt: at(5),
          resolvedAt: null,
          cause: 'timeout',
          impacted: [],
        },
        events: [],
      },
    ],
    'health-events',
  );
  await store.completeRound({
    status: 'partial_outage',
    round: 'r1',
    at: at(1),
    durationMs: 420,
    services: [
      {
        id: 'agent-runtime',
        name: 'Agent Runtime',
        criticality: 'critical',
        status: 'up',
        since: at(60),
        latencyMs: 12,
        httpStatus: 200,
        errorClass: 'none',
        impactedBy: [],
      },
      {
        id: 'billing',
        name: 'Billing <Service>',
        criticality: 'high',
        status: 'down',
        since: at(5),
        latencyMs: 2000,
        httpStatus: null,
        errorClass: 'timeout',
        impactedBy: [],
      },
    ],
  });
  served = await serveHttp(
    'healthApiUnderTest',
    makeHandler({
      store,
      clock,
      logger: createLogger({ service: 'health-api', level: 'ERROR' }),
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit: new MemoryAuditLog(),
      source: 'backbone/health-api',
    }),
  );
  base = served.base;
  client = contractClient<paths>(routes, served);
});

afterAll(async () => {
  await served.close();
});

describe('health-api against the Firestore emulator', () => {
  it('serves the consolidated summary with open incidents', async () => {
    const { response, data: body } = await client.GET('/v1/health/summary');
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      status: 'partial_outage',
      round: 'r1',
      updatedAt: '2026-11-23T11:59:00.000Z',
    });
    expect(body!.services.map((s) => `${s.id}:${s.status}`)).toEqual(['agent-runtime:up', 'billing:down']);
    expect(body!.openIncidents).toHaveLength(1);
    expect(body!.openIncidents[0]).toMatchObject({ id: 'inc-billing-r5', severity: 'major' });
  });

  it('serves a service window with uptime and latency percentiles', async () => {
    const history = (window: '15m' | '24h') =>
      client.GET('/v1/health/services/{id}', {
        params: { path: { id: 'agent-runtime' }, query: { window } },
      });
    const { data: body } = await history('24h');
    expect(body).toMatchObject({
      status: 'up',
      window: '24h',
      samples: 10,
      uptimeRatio: 0.9,
      latencyMs: { p50: 40, p95: 90 },
    });
    expect(body!.recentSamples).toHaveLength(10);
    const { data: shorter } = await history('15m');
    expect(shorter!.samples).toBe(9);
  });

  /** A page of the running function, checked to be of `type`: its text. */
  const page = async (path: string, type: string) => {
    const response = await fetch(`${base}${path}`);
    expect(response.headers.get('content-type')).toContain(type);
    return response.text();
  };

  it('exposes Prometheus metrics', async () => {
    const text = await page('/metrics', 'text/plain');
    expect(text).toContain('backbone_service_up{service="agent-runtime",criticality="critical"} 1');
    expect(text).toContain('backbone_service_up{service="billing",criticality="high"} 0');
    expect(text).toContain('backbone_platform_status{status="partial_outage"} 1');
    expect(text).toContain('backbone_open_incidents{severity="major"} 1');
  });

  it('renders the status page with escaped names', async () => {
    const html = await page('/status', 'text/html');
    expect(html).toContain('Partial outage');
    expect(html).toContain('Billing &lt;Service&gt;');
    expect(html).not.toContain('Billing <Service>');
  });

  it.each([
    ['a wrong method', 'POST', '/v1/health/summary', 405, 'REQ-005'],
    ['an unknown service', 'GET', '/v1/health/services/nope', 404, 'REQ-003'],
    ['a bad service id', 'GET', '/v1/health/services/NOT_AN_ID', 400, 'REQ-001'],
    ['a bad window', 'GET', '/v1/health/services/agent-runtime?window=forever', 400, 'REQ-001'],
    ['a window over 7 days', 'GET', '/v1/health/services/agent-runtime?window=30d', 400, 'REQ-001'],
    ['a free-form window', 'GET', '/v1/health/services/agent-runtime?window=23h', 400, 'REQ-001'],
    ['an unknown query parameter', 'GET', '/v1/health/summary?foo=1', 400, 'REQ-001'],
    ['an unknown route', 'GET', '/v2/nothing', 404, 'REQ-004'],
  ])('answers %s with a problem', async (_what, method, path, status, code) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status, code, instance: path.split('?')[0] });
  });

  it('refuses a non-JSON and an oversized body with problems', async () => {
    const bad = await fetch(`${base}/v1/health/summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect([bad.status, ((await bad.json()) as any).code]).toEqual([400, 'REQ-002']);
    const big = await fetch(`${base}/v1/health/summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(5000) }),
    });
    expect([big.status, ((await big.json()) as any).code]).toEqual([413, 'REQ-007']);
  });
});
