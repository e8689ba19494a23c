import { generateKeyPairSync } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import {
  ApiKeys,
  createHttpHandler,
  defineFunction,
  LOCAL_OIDC_KID,
  loadConfig,
  respond,
  SecurityConfigSchema,
  systemClock,
  type Route,
} from '@backbone/shared/core';
import { createFirestore, FirestoreApiKeyStore, httpSecurity } from '@backbone/shared/gcp';
import {
  captureLogs,
  invokeHttp,
  signInOnAuthEmulator,
  signOidcToken,
  uniqueProjectId,
} from '@backbone/shared/testing';

// The wiring every HTTP function uses, end to end: real Firebase ID tokens from the Auth emulator,
// OIDC tokens signed by the local development key, API keys and rate-limit counters in Firestore.
const projectId = process.env.GCLOUD_PROJECT ?? 'demo-backbone';
const run = uniqueProjectId('sec');
const db = createFirestore(run);
const local = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const AUDIENCE = 'http://127.0.0.1:8102';
const SCHEDULER = 'local-dev@demo-backbone.iam.gserviceaccount.com';

const manifest = defineFunction({
  name: 'security-probe',
  description: 'A function with one route of each access kind.',
  trigger: {
    kind: 'http',
    routes: [
      { method: 'GET', path: '/open', access: 'public' },
      { method: 'POST', path: '/jobs', access: 'service' },
      { method: 'GET', path: '/mine', access: ['user', 'client'], scope: 'billing:read' },
    ],
  },
});
const routes: Route[] = [
  { method: 'GET', path: '/open', handle: () => respond.json({ ok: true }) },
  { method: 'POST', path: '/jobs', handle: (ctx) => respond.json(ctx.caller) },
  { method: 'GET', path: '/mine', handle: (ctx) => respond.json(ctx.caller) },
];

function configFor(env: Record<string, string>) {
  return loadConfig(SecurityConfigSchema, {
    GOOGLE_CLOUD_PROJECT: projectId,
    BACKBONE_ENV: 'test',
    AUTH_AUDIENCES: AUDIENCE,
    AUTH_SERVICE_ACCOUNTS: SCHEDULER,
    AUTH_LOCAL_OIDC_PUBLIC_KEY: local.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ...env,
  });
}
const handler = createHttpHandler({
  routes,
  logger: captureLogs().logger,
  ...httpSecurity({ manifest, config: configFor({}), db, clock: systemClock }),
});
const call = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  invokeHttp(handler, {
    method,
    path,
    headers: { 'x-forwarded-for': `10.0.0.${path.length}, 130.211.0.1`, ...headers },
  });
const serviceToken = (claims: Record<string, unknown> = {}, key = local.privateKey) =>
  signOidcToken(key, { aud: AUDIENCE, email: SCHEDULER, ...claims }, LOCAL_OIDC_KID);

const apiKeys = new ApiKeys(new FirestoreApiKeyStore(db), systemClock, 'test');
let userToken: string;

beforeAll(async () => {
  const app = getApps().find((a) => a.name === 'setup') ?? initializeApp({ projectId }, 'setup');
  const auth = getAuth(app);
  const user = await auth.createUser({
    uid: `owner-${run}`,
    email: `owner-${run}@acme.test`,
    password: 'pass-1234',
  });
  await auth.setCustomUserClaims(user.uid, { portal: 'CP', tenant: 'acme', roles: [] });
  userToken = await signInOnAuthEmulator(`owner-${run}@acme.test`, 'pass-1234');
});

describe('httpSecurity: the authentication and limits of every HTTP function', () => {
  it('lets the local service identity call a service route with a token for this function', async () => {
    const res = await call('/jobs', { authorization: `Bearer ${serviceToken()}` }, 'POST');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'service', email: SCHEDULER });
  });

  it.each([
    ['signed by another key', () => serviceToken({}, stranger.privateKey)],
    ['for another function', () => serviceToken({ aud: 'http://127.0.0.1:9999' })],
    ['of another service account', () => serviceToken({ email: 'intruder@demo.iam.gserviceaccount.com' })],
  ])('refuses a service token %s with 401', async (_what, token) => {
    const res = await call('/jobs', { authorization: `Bearer ${token()}` }, 'POST');
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH-001' });
  });

  it('takes a portal user from a real ID token, and keeps them off service routes', async () => {
    const mine = await call('/mine', { authorization: `Bearer ${userToken}` });
    expect(mine.status).toBe(200);
    expect(mine.json()).toMatchObject({ kind: 'user', uid: `owner-${run}`, tenant: 'acme', portal: 'CP' });
    expect((await call('/jobs', { authorization: `Bearer ${userToken}` }, 'POST')).status).toBe(403);
  });

  it('takes a tenant client from an API key (header or bearer) until it is revoked', async () => {
    const { key, summary } = await apiKeys.create({ tenant: 'acme', name: 'ci', scopes: ['billing:read'] });
    const ways: Record<string, string>[] = [{ 'x-api-key': key }, { authorization: `Bearer ${key}` }];
    for (const headers of ways) {
      const res = await call('/mine', headers);
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({
        kind: 'client',
        keyId: summary.keyId,
        tenant: 'acme',
        scopes: ['billing:read'],
      });
    }
    expect((await call('/jobs', { 'x-api-key': key }, 'POST')).status).toBe(403);
    expect((await call('/mine', { 'x-api-key': key, authorization: `Bearer ${userToken}` })).status).toBe(401);
    await apiKeys.revoke('acme', summary.keyId);
    expect((await call('/mine', { 'x-api-key': key })).status).toBe(401);
  });

  it('answers anonymous callers on public routes with RateLimit headers, and 429 past the tier', async () => {
    const ip = { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 200)}, 130.211.0.1` };
    const first = await call('/open', ip);
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit']).toMatch(/^"default";r=99;t=\d+$/);
    expect(first.headers['ratelimit-policy']).toBe('"default";q=100;w=3600');
    for (let i = 1; i < 100; i++) expect((await call('/open', ip)).status).toBe(200);
    const refused = await call('/open', ip);
    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE-001' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  }, 60_000);

  it('refuses to start a deployed function that would accept the local development key', () => {
    expect(() =>
      httpSecurity({ manifest, config: configFor({ BACKBONE_ENV: 'prod' }), db, clock: systemClock }),
    ).toThrow(/AUTH_LOCAL_OIDC_PUBLIC_KEY: local development only, refused in prod/);
  });
});
