import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { ApiKeys, BearerAuthenticator, systemClock } from '@backbone/shared/core';
import { createFirestore, declaredRoutes, FirebaseIdTokenVerifier, FirestoreApiKeyStore } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { captureLogs, invokeHttp, signInOnAuthEmulator, uniqueProjectId } from '@backbone/shared/testing';
import { FirebaseUserDirectory } from '../adapters/firebase-user-directory';
import { FirestoreMembershipStore } from '../adapters/firestore-memberships';
import manifest from '../function';
import { makeHandler } from '../handler';

// The whole path as deployed: Firebase Auth ID tokens from the Auth emulator, verified with the
// revocation check, claims written by firebase-admin, memberships and audit in the Firestore emulator.
const authProject = process.env.GCLOUD_PROJECT ?? 'demo-backbone';
const run = uniqueProjectId('m')
  .replace(/[^a-z0-9]/g, '')
  .slice(-10);
const app = initializeApp({ projectId: authProject }, `members-${run}`);
const auth = getAuth(app);
const db = createFirestore(uniqueProjectId());
afterAll(async () => {
  await deleteApp(app);
  await db.terminate();
});

const tenant = `acme-${run}`;
const PASSWORD = 'members-pass-1';
const authenticator = new BearerAuthenticator([new FirebaseIdTokenVerifier(auth, authProject)]);
const handler = makeHandler(
  {
    holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
    registry: new FirestoreRegistryStore(db),
    trials: new FirestoreTrialStore(db),
    apiKeys: new ApiKeys(new FirestoreApiKeyStore(db), systemClock, 'test'),
    audit: new FirestoreAuditLog(db),
    directory: new FirebaseUserDirectory(auth),
    memberships: new FirestoreMembershipStore(db),
    clock: systemClock,
    source: 'backbone/governance-api',
    logger: captureLogs().logger,
  },
  { declared: declaredRoutes(manifest), authenticator },
);
const call = (token: string, method: string, path: string, body?: object) =>
  invokeHttp(handler, {
    method,
    path,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { body } : {}),
  });

/** What an invitee does in the portal (the password-reset e-mail), then signs in. */
async function acceptAndSignIn(email: string): Promise<string> {
  const user = await auth.getUserByEmail(email);
  await auth.updateUser(user.uid, { password: PASSWORD });
  return signInOnAuthEmulator(email, PASSWORD);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  expect(process.env.FIREBASE_AUTH_EMULATOR_HOST).toBeDefined();
  await db.collection('tenants').doc(tenant).set({ id: tenant });
  const admin = await auth.createUser({ email: `admin-${run}@platform.test`, password: PASSWORD });
  await auth.setCustomUserClaims(admin.uid, { portal: 'PP', tenant: 'platform', roles: ['platform_admin'] });
});

describe('tenant members on the Auth and Firestore emulators', () => {
  it('onboards a tenant admin, who invites a colleague; a removed role stops working at once', async () => {
    const platformAdmin = await signInOnAuthEmulator(`admin-${run}@platform.test`, PASSWORD);
    const owner = `owner-${run}@acme.test`;
    const invited = await call(platformAdmin, 'POST', `/v1/tenants/${tenant}/members`, {
      email: owner,
      roles: ['tenant_admin'],
    });
    expect(invited.status).toBe(201);
    expect((await auth.getUserByEmail(owner)).customClaims).toEqual({
      portal: 'CP',
      tenant,
      roles: ['tenant_admin'],
    });

    const ownerToken = await acceptAndSignIn(owner);
    const dana = `dana-${run}@acme.test`;
    const made = await call(ownerToken, 'POST', `/v1/tenants/${tenant}/members`, {
      email: dana,
      roles: ['billing_admin'],
    });
    expect(made.status).toBe(201);
    const danaUid = (made.json() as { uid: string }).uid;
    const danaToken = await acceptAndSignIn(dana);
    await expect(authenticator.authenticate({ authorization: `Bearer ${danaToken}` })).resolves.toMatchObject({
      uid: danaUid,
      tenant,
      roles: ['billing_admin'],
    });

    // Revocation has one-second granularity: a token signed in the same second would survive it.
    await sleep(1100);
    const revoked = await call(ownerToken, 'PUT', `/v1/tenants/${tenant}/members/${danaUid}`, { roles: [] });
    expect(revoked.status).toBe(200);
    await expect(authenticator.authenticate({ authorization: `Bearer ${danaToken}` })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
    const fresh = await signInOnAuthEmulator(dana, PASSWORD);
    await expect(authenticator.authenticate({ authorization: `Bearer ${fresh}` })).resolves.toMatchObject({
      roles: [],
    });

    const listed = await call(ownerToken, 'GET', `/v1/tenants/${tenant}/members`);
    expect(listed.status).toBe(200);
    const members = (listed.json() as { members: Array<{ email: string; roles: string[] }> }).members;
    expect(members.map((m) => [m.email, m.roles]).sort()).toEqual([
      [dana, []],
      [owner, ['tenant_admin']],
    ]);

    await sleep(1100);
    expect((await call(ownerToken, 'DELETE', `/v1/tenants/${tenant}/members/${danaUid}`)).status).toBe(204);
    expect((await auth.getUser(danaUid)).customClaims ?? {}).toEqual({});
    await expect(authenticator.authenticate({ authorization: `Bearer ${fresh}` })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
    expect((await db.collection('tenant_members').doc(danaUid).get()).exists).toBe(false);
  });

  it('keeps a user in one tenant when two tenants invite them at once', async () => {
    const other = `globex-${run}`;
    await db.collection('tenants').doc(other).set({ id: other });
    const platformAdmin = await signInOnAuthEmulator(`admin-${run}@platform.test`, PASSWORD);
    const email = `contested-${run}@example.test`;
    const answers = await Promise.all(
      [tenant, other].map((t) => call(platformAdmin, 'POST', `/v1/tenants/${t}/members`, { email, roles: [] })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.status === 201)!.json() as { uid: string; tenant: string };
    const claims = (await auth.getUser(winner.uid)).customClaims;
    expect(claims).toEqual({ portal: 'CP', tenant: winner.tenant, roles: [] });
    expect((await db.collection('tenant_members').doc(winner.uid).get()).get('tenant')).toBe(winner.tenant);
  });
});
