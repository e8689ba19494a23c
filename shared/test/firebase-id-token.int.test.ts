import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { BearerAuthenticator } from '@backbone/shared/core';
import { FirebaseIdTokenVerifier } from '@backbone/shared/gcp';
import { signInOnAuthEmulator, uniqueProjectId } from '@backbone/shared/testing';

// Real ID tokens from the Auth emulator, verified by firebase-admin. (The emulator does not sign
// its tokens, so forged signatures are covered by the OIDC verifier's tests with real keys.)
// Client sign-in on the Auth emulator lands in the emulators' default project.
const projectId = process.env.GCLOUD_PROJECT ?? 'demo-backbone';
const run = uniqueProjectId('t');
const app = initializeApp({ projectId }, run);
const auth = getAuth(app);
const authenticator = new BearerAuthenticator([new FirebaseIdTokenVerifier(auth, projectId)]);

const signIn = (email: string) => signInOnAuthEmulator(email, 'secret-pass-1');

beforeAll(async () => {
  expect(process.env.FIREBASE_AUTH_EMULATOR_HOST).toBeDefined();
  const admin = await auth.createUser({
    uid: `pp-admin-${run}`,
    email: `admin-${run}@platform.test`,
    password: 'secret-pass-1',
  });
  await auth.setCustomUserClaims(admin.uid, { portal: 'PP', tenant: 'platform', roles: ['platform_admin'] });
  await auth.createUser({
    uid: `no-claims-${run}`,
    email: `plain-${run}@acme.test`,
    password: 'secret-pass-1',
  });
  const bad = await auth.createUser({
    uid: `bad-claims-${run}`,
    email: `bad-${run}@acme.test`,
    password: 'secret-pass-1',
  });
  await auth.setCustomUserClaims(bad.uid, { portal: 'XX', tenant: 'acme', roles: ['king'] });
});
afterAll(() => deleteApp(app));

describe('FirebaseIdTokenVerifier against the Auth emulator', () => {
  it('turns a signed-in user with Backbone claims into a caller with roles, tenant and sign-in time', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const token = await signIn(`admin-${run}@platform.test`);
    const caller = await authenticator.authenticate({ authorization: `Bearer ${token}` });
    expect(caller).toEqual({
      kind: 'user',
      uid: `pp-admin-${run}`,
      portal: 'PP',
      tenant: 'platform',
      roles: ['platform_admin'],
      email: `admin-${run}@platform.test`,
      authTime: expect.any(Date),
    });
    // auth_time is the sign-in (whole seconds), which approvals require to be recent (000#34).
    const authTime = (caller as { authTime: Date }).authTime.getTime();
    expect(authTime).toBeGreaterThanOrEqual(before - 1000);
    expect(authTime).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['a user without claims', `plain-${run}@acme.test`],
    ['a user with claims Backbone does not know', `bad-${run}@acme.test`],
  ])('refuses %s', async (_what, email) => {
    const token = await signIn(email);
    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
  });

  it('refuses the token of a user whose sessions were revoked', async () => {
    const token = await signIn(`admin-${run}@platform.test`);
    await new Promise((r) => setTimeout(r, 1100)); // revocation is compared at one-second precision
    await auth.revokeRefreshTokens(`pp-admin-${run}`);
    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
  });

  it.each([
    ['issued for another project', { iss: 'https://securetoken.google.com/other-project', aud: 'other-project' }],
    ['with another audience', { aud: 'other-project' }],
  ])('refuses a token %s', async (_what, claims) => {
    const [header, payload, signature] = (await signIn(`plain-${run}@acme.test`)).split('.');
    const edited = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...claims };
    const token = `${header}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature ?? ''}`;
    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
  });
});
