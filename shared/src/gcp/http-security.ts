import type { Firestore } from '@google-cloud/firestore';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { ApiKeys } from '../core/auth/api-keys';
import { BearerAuthenticator, type TokenVerifier } from '../core/auth/bearer-authenticator';
import type { RouteAccess } from '../core/auth/caller';
import { CredentialAuthenticator } from '../core/auth/credential-authenticator';
import { LOCAL_OIDC_KID, type SecurityConfig } from '../core/auth/security-config';
import { ConfigError } from '../core/errors/app-errors';
import type { HttpHandlerOptions } from '../core/http/http-handler';
import type { FunctionManifest } from '../core/manifest/function-manifest';
import type { Clock } from '../core/ports/clock';
import { RateLimiter } from '../core/ratelimit/rate-limiter';
import { FirebaseIdTokenVerifier } from './firebase-id-token-verifier';
import { FirestoreApiKeyStore } from './firestore-api-key-store';
import { FirestoreIdempotentResponses } from './firestore-idempotent-responses';
import { FirestoreRateLimitStore } from './firestore-rate-limit-store';
import { GoogleOidcVerifier } from './google-oidc-verifier';

const WINDOW_SECONDS = 3600;

/** The options an HTTP function's handler takes for authentication and rate limiting. */
export type HttpSecurity = Pick<
  HttpHandlerOptions,
  'declared' | 'authenticator' | 'rateLimit' | 'trustedProxyHops' | 'idempotency' | 'openapi'
>;

/** The routes a manifest declares; a scheduled function is one POST / for its scheduler's identity. */
export function declaredRoutes(
  manifest: FunctionManifest,
): { method: string; path: string; access: RouteAccess | RouteAccess[]; scope?: string }[] {
  if (manifest.trigger.kind === 'http') return manifest.trigger.routes;
  if (manifest.trigger.kind === 'schedule') return [{ method: 'POST', path: '/', access: 'service' }];
  throw new Error(`${manifest.name} is not an HTTP function`);
}

/**
 * What every HTTP function passes to `createHttpHandler`: its manifest's routes and access, an
 * authenticator for Firebase ID tokens, Google OIDC tokens and tenant API keys, and the shared
 * rate limiter (000#11, 000#60, 004§2.2).
 *
 * @example
 * createHttpHandler({ routes, logger, ...httpSecurity({ manifest, config, db, clock: systemClock }) });
 */
export function httpSecurity(input: {
  manifest: FunctionManifest;
  config: SecurityConfig;
  db: Firestore;
  clock: Clock;
}): HttpSecurity {
  const { manifest, config, db, clock } = input;
  const localKey = config.AUTH_LOCAL_OIDC_PUBLIC_KEY;
  if (localKey && !['local', 'test'].includes(config.BACKBONE_ENV)) {
    throw new ConfigError([`AUTH_LOCAL_OIDC_PUBLIC_KEY: a local OIDC key is not accepted in ${config.BACKBONE_ENV}`]);
  }
  const verifiers: TokenVerifier[] = [
    new FirebaseIdTokenVerifier(getAuth(firebaseApp(config.GOOGLE_CLOUD_PROJECT)), config.GOOGLE_CLOUD_PROJECT),
  ];
  if (config.AUTH_AUDIENCES.length > 0) {
    verifiers.push(
      new GoogleOidcVerifier({
        audience: config.AUTH_AUDIENCES,
        allowedServiceAccounts: config.AUTH_SERVICE_ACCOUNTS,
        serviceRoles: config.AUTH_SERVICE_ROLES,
        ...(localKey ? { certificates: async () => ({ [LOCAL_OIDC_KID]: localKey }) } : {}),
      }),
    );
  }
  const apiKeys = new ApiKeys(new FirestoreApiKeyStore(db), clock, config.BACKBONE_ENV === 'prod' ? 'live' : 'test');
  return {
    declared: declaredRoutes(manifest),
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    authenticator: new CredentialAuthenticator(new BearerAuthenticator(verifiers), apiKeys),
    idempotency: new FirestoreIdempotentResponses(db, clock),
    ...(config.RATE_LIMIT === 'on'
      ? {
          rateLimit: {
            limiter: new RateLimiter(new FirestoreRateLimitStore(db), clock, WINDOW_SECONDS * 1000),
            windowSeconds: WINDOW_SECONDS,
          },
        }
      : {}),
  };
}

/** One firebase-admin app per process (the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set). */
export function firebaseApp(projectId: string) {
  return getApps().find((app) => app.name === 'backbone') ?? initializeApp({ projectId }, 'backbone');
}
