import { type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAuditLog,
  MemoryHealthStore,
  StaticAuthenticator,
  staffUser,
  tenantUser,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const callers: Record<string, Caller> = {
  admin: staffUser('adm', ['platform_admin']),
  auditor: staffUser('aud', ['auditor']),
  customer: tenantUser('c', 'acme'),
};

function setup() {
  const store = new MemoryHealthStore();
  const audit = new MemoryAuditLog();
  const handler = makeHandler(
    {
      store,
      clock: new ManualClock(new Date('2026-12-02T10:00:00Z')),
      logger: captureLogs().logger,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      source: 'backbone/health-api',
    },
    { declared: declaredRoutes(manifest), authenticator: new StaticAuthenticator(callers) },
  );
  const as = (who: string | undefined, method: string, path: string, body?: object) =>
    invokeHttp(handler, {
      method,
      path,
      headers: who ? { authorization: `Bearer ${who}` } : {},
      ...(body !== undefined ? { body } : {}),
    });
  return { store, audit, as };
}

const definition = {
  name: 'Analytics',
  url: 'https://analytics.platform.example/healthz',
  criticality: 'high',
};

describe('the health registry admin API (PUT/DELETE /v1/health/services/{id})', () => {
  it('registers, replaces and removes a service for an admin, each audited', async () => {
    const { store, audit, as } = setup();
    const created = await as('admin', 'PUT', '/v1/health/services/analytics', definition);
    expect(created.status).toBe(201);
    expect(await store.getService('analytics')).toMatchObject({
      id: 'analytics',
      url: definition.url,
      method: 'GET',
      expectedStatus: [200],
      timeoutMs: 2000,
      enabled: true,
    });
    expect((await as('admin', 'PUT', '/v1/health/services/analytics', { ...definition, timeoutMs: 500 })).status).toBe(
      200,
    );
    expect((await store.getService('analytics'))!.timeoutMs).toBe(500);
    expect((await as('admin', 'DELETE', '/v1/health/services/analytics')).status).toBe(204);
    expect(await store.getService('analytics')).toBeUndefined();
    expect((await as('admin', 'DELETE', '/v1/health/services/analytics')).status).toBe(404);
    expect(audit.entries.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'governance.update allow',
      'governance.update allow',
      'governance.delete allow',
      'governance.delete allow',
    ]);
  });

  it('refuses readers, customers and anonymous callers, and changes nothing', async () => {
    const { store, audit, as } = setup();
    expect((await as('auditor', 'PUT', '/v1/health/services/analytics', definition)).status).toBe(403);
    expect((await as('customer', 'PUT', '/v1/health/services/analytics', definition)).status).toBe(403);
    expect((await as(undefined, 'PUT', '/v1/health/services/analytics', definition)).status).toBe(401);
    expect(await store.getService('analytics')).toBeUndefined();
    expect(audit.entries.map((e) => e.outcome)).toEqual(['deny', 'deny']);
  });

  it.each([
    ['a bad id', '/v1/health/services/Bad_Id', definition],
    ['an id in the body', '/v1/health/services/analytics', { ...definition, id: 'other' }],
    ['a non-http url', '/v1/health/services/analytics', { ...definition, url: 'file:///etc/passwd' }],
    ['a wrong type', '/v1/health/services/analytics', { ...definition, timeoutMs: '5s' }],
    ['an unknown field', '/v1/health/services/analytics', { ...definition, extra: 1 }],
    ['no body', '/v1/health/services/analytics', undefined],
  ])('answers %s with a 400 problem and changes nothing', async (_, path, body) => {
    const { store, as } = setup();
    const res = await as('admin', 'PUT', path, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await store.listServices()).toEqual([]);
  });
});

describe('the public per-service history is bounded', () => {
  it('answers repeated requests for a service and window from a 30-second cache', async () => {
    const { store, as } = setup();
    await as('admin', 'PUT', '/v1/health/services/analytics', definition);
    let reads = 0;
    const original = store.samplesSince.bind(store);
    store.samplesSince = (...args) => {
      reads += 1;
      return original(...args);
    };
    for (let i = 0; i < 20; i++) expect((await as(undefined, 'GET', '/v1/health/services/analytics')).status).toBe(200);
    expect(reads).toBe(1);
    await as(undefined, 'GET', '/v1/health/services/analytics?window=7d');
    expect(reads).toBe(2);
    // A window outside the fixed set cannot mint new cache entries.
    expect((await as(undefined, 'GET', '/v1/health/services/analytics?window=167h')).status).toBe(400);
    expect(reads).toBe(2);
  });
});
