// pep-check through the real Functions Framework, called with the client generated from its
// OpenAPI document (openapi/pep-check.d.ts), which checks every answer against the route's
// contract: the contract is exercised, not just written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import {
  captureLogs,
  contractClient,
  serveHttp,
  StaticAuthenticator,
  emulatorFirestore,
  RecordingEventPublisher,
} from '@backbone/shared/testing';
import type { paths } from '../../../openapi/pep-check';
import { firestorePepDeps } from '../adapters/firestore-pep-deps';
import { openApiDocument } from '@backbone/shared/core';
import manifest from '../function';
import { makeHandler } from '../handler';
import { routes } from '../routes';

const db = emulatorFirestore();
const runtime: Caller = {
  kind: 'service',
  email: 'agent-runtime@example.iam.gserviceaccount.com',
  subject: 'rt',
};
let server: Awaited<ReturnType<typeof serveHttp>>;
let client: ReturnType<typeof contractClient<paths>>;
const auth = { authorization: 'Bearer runtime' };

beforeAll(async () => {
  server = await serveHttp(
    'pepContract',
    makeHandler(
      firestorePepDeps(db, {
        holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
        publisher: new RecordingEventPublisher(),
        clock: systemClock,
        source: 'backbone/pep-check',
        logger: captureLogs().logger,
      }),
      {
        declared: declaredRoutes(manifest),
        authenticator: new StaticAuthenticator({ runtime }),
        openapi: openApiDocument(manifest, routes),
      },
    ),
  );
  client = contractClient<paths>(routes, server);
});
afterAll(async () => {
  await server.close();
});

const auditor = {
  type: 'User' as const,
  id: 'aud-1',
  portal: 'PP' as const,
  tenant: 'platform',
  roles: ['auditor' as const],
};

describe('pep-check by its OpenAPI client', () => {
  it('decides one request and a batch', async () => {
    const one = await client.POST('/v1/pep/decide', {
      headers: auth,
      body: { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' } },
    });
    expect(one.response.status).toBe(200);
    expect(one.data?.decision).toBe('allow');
    const batch = await client.POST('/v1/pep/decide-batch', {
      headers: auth,
      body: {
        requests: [
          { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' } },
          { principal: auditor, action: 'delete', resource: { type: 'Component', id: 'agents' } },
        ],
      },
    });
    expect(batch.data?.decisions.map((d) => d.decision)).toEqual(['allow', 'deny']);
  });

  it('adds trial spend once per usage id: 201, then 200', async () => {
    const spend = () =>
      client.POST('/v1/pep/trial-usage', {
        headers: auth,
        body: { tenant: 'acme', usageId: 'u-1', spendCents: 250 },
      });
    const first = await spend();
    const again = await spend();
    expect([first.response.status, again.response.status]).toEqual([201, 200]);
    expect(again.data).toMatchObject({ applied: false, spendCents: 250 });
  });

  it('answers what the contract refuses with a registered problem, and anonymous callers with 401', async () => {
    const bad = await client.POST('/v1/pep/decide', {
      headers: auth,
      // @ts-expect-error: the generated types refuse this body too
      body: { principal: auditor, action: 'view', resource: { type: 'Component', id: 'no-such-component' } },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.error).toMatchObject({ code: 'REQ-001' });
    const anonymous = await client.POST('/v1/pep/decide', {
      body: { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' } },
    });
    expect(anonymous.response.status).toBe(401);
  });

  it('serves its OpenAPI document, the committed one', async () => {
    const res = await fetch(`${server.base}/openapi.json`);
    expect(res.status).toBe(200);
    const committed = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', '..', 'openapi', 'pep-check.json'), 'utf8'),
    );
    expect(await res.json()).toEqual(committed);
  });
});
