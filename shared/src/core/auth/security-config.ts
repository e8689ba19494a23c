import { z } from 'zod';
import { BaseConfigSchema, commaList } from '../config/load-config';
import { PLATFORM_ROLES, type PlatformRole } from './roles';

/**
 * The settings of every HTTP function's authentication and rate limiting (extend it like the base
 * schema). The local OIDC key is checked when the security is built: refused outside local and test.
 */
export const SecurityConfigSchema = BaseConfigSchema.extend({
  /** The audiences a Google OIDC token may name: this function's URL(s). */
  AUTH_AUDIENCES: commaList,
  /** Service accounts whose OIDC tokens are accepted (Cloud Scheduler, Pub/Sub push, other functions). */
  AUTH_SERVICE_ACCOUNTS: commaList,
  /** PEM public key of the local development OIDC issuer; local and test only. */
  AUTH_LOCAL_OIDC_PUBLIC_KEY: z.string().startsWith('-----BEGIN PUBLIC KEY-----').optional(),
  /**
   * Platform Portal roles of platform service identities (`email=role+role,email2=role`), set by the
   * infrastructure from the environment's platform services: what a service may do is decided by the
   * same policies as a user's, through these roles.
   */
  AUTH_SERVICE_ROLES: commaList
    .transform((items) =>
      Object.fromEntries(
        items.map((item) => {
          const [email, roles = ''] = item.split('=');
          return [email!.trim(), roles.split('+').filter(Boolean)];
        }),
      ),
    )
    .pipe(z.record(z.string(), z.array(z.enum(PLATFORM_ROLES as [PlatformRole, ...PlatformRole[]])))),
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  /** Proxies that append to X-Forwarded-For in front of the function: 2 behind Google's load balancer (client, then the balancer). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(2),
});
export type SecurityConfig = z.infer<typeof SecurityConfigSchema>;

/** What `httpSecurity` itself touches in every HTTP function: API keys it verifies, counters it keeps. */
export const HTTP_SECURITY_COLLECTIONS = {
  read: ['api_keys', 'idempotent_requests'],
  write: ['rate_limits', 'idempotent_requests'],
} as const;

/** The key id local OIDC tokens carry. */
export const LOCAL_OIDC_KID = 'backbone-local';
