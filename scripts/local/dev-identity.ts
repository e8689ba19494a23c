import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import type { Firestore } from '@google-cloud/firestore';
import { LOCAL_OIDC_KID } from '@backbone/shared/core';
import { signInOnAuthEmulator, signOidcToken } from '@backbone/shared/testing';
import { makeFirstGovernor } from '../admin/first-governor';

/** The service identity local schedulers and operators act as (accepted only with the local key). */
export const LOCAL_SERVICE_ACCOUNT = 'local-dev@demo-backbone.iam.gserviceaccount.com';

export interface DevKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The local OIDC issuer's key, kept in .backbone/ so tokens minted by `npm run token` keep working
 * across restarts. Functions accept it only when BACKBONE_ENV is local or test.
 */
export function devKey(stateDir: string): DevKey {
  const file = path.join(stateDir, 'dev-oidc-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKey;
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

/** A service token for one function (its URL is the audience), valid for an hour. */
export function serviceToken(key: DevKey, audience: string): string {
  return signOidcToken(key.privateKeyPem, { aud: audience, email: LOCAL_SERVICE_ACCOUNT }, LOCAL_OIDC_KID);
}

/** The env that makes a function accept local service tokens addressed to it. */
export function localAuthEnv(key: DevKey, url: string): Record<string, string> {
  return {
    AUTH_AUDIENCES: url,
    AUTH_SERVICE_ACCOUNTS: LOCAL_SERVICE_ACCOUNT,
    AUTH_LOCAL_OIDC_PUBLIC_KEY: key.publicKeyPem,
  };
}

/** Demo portal users on the Auth emulator, and who invites them (the governor is bootstrapped). */
export const DEMO_USERS = [
  { email: 'governor@platform.demo', tenant: 'platform', roles: ['platform_governor'], invitedBy: undefined },
  {
    email: 'admin@platform.demo',
    tenant: 'platform',
    roles: ['platform_admin'],
    invitedBy: 'governor@platform.demo',
  },
  {
    email: 'auditor@platform.demo',
    tenant: 'platform',
    roles: ['auditor'],
    invitedBy: 'governor@platform.demo',
  },
  { email: 'owner@acme.demo', tenant: 'acme', roles: ['tenant_admin'], invitedBy: 'admin@platform.demo' },
  { email: 'owner@globex.demo', tenant: 'globex', roles: ['tenant_admin'], invitedBy: 'admin@platform.demo' },
] as const;
export const DEMO_PASSWORD = 'backbone-demo';

/**
 * The demo users, made as a deployment makes its users: each signs up (an account with a
 * password, no claims), the governor is bootstrapped, and every other membership is granted by an
 * invitation through governance-api's members API, signed in as the inviter.
 */
export async function seedDemoUsers(projectId: string, db: Firestore, governanceUrl: string): Promise<void> {
  const app = getApps().find((a) => a.name === 'dev') ?? initializeApp({ projectId }, 'dev');
  const auth = getAuth(app);
  for (const user of DEMO_USERS) {
    const uid = user.email.replace(/[@.]/g, '-');
    await auth.getUser(uid).catch(() => auth.createUser({ uid, email: user.email, password: DEMO_PASSWORD }));
  }
  for (const user of DEMO_USERS) {
    if (!user.invitedBy) {
      await makeFirstGovernor(auth, db, user.email);
      continue;
    }
    const res = await fetch(`${governanceUrl}/v1/tenants/${user.tenant}/members`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await userToken(user.invitedBy)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: user.email, roles: user.roles }),
    });
    if (!res.ok) throw new Error(`inviting ${user.email}: ${res.status} ${await res.text()}`);
  }
}

/** An ID token of a demo user, from the Auth emulator. */
export function userToken(email: string): Promise<string> {
  return signInOnAuthEmulator(email, DEMO_PASSWORD);
}
