import { AuthenticationError } from '../errors/app-errors';
import type { Authenticator } from './authenticator';
import type { Caller } from './caller';

/** Verifies one kind of bearer token; `accepts` looks at the unverified issuer to route the token. */
export interface TokenVerifier {
  accepts(issuer: string): boolean;
  verify(token: string): Promise<Caller>;
}

function unverifiedIssuer(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `Authorization: Bearer <token>`: a Firebase Auth ID token (a portal user) or a Google OIDC token
 * (Cloud Scheduler, Pub/Sub push, another function). The issuer picks the verifier; the verifier
 * checks signature, audience and expiry. No header: anonymous.
 */
export class BearerAuthenticator implements Authenticator {
  constructor(private readonly verifiers: TokenVerifier[]) {}

  async authenticate(headers: Record<string, string | undefined>): Promise<Caller> {
    const header = headers['authorization'];
    if (!header) return { kind: 'anonymous' };
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
    if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
    const token = match[1]!;
    const issuer = unverifiedIssuer(token);
    const verifier = issuer ? this.verifiers.find((v) => v.accepts(issuer)) : undefined;
    if (!verifier) throw new AuthenticationError('The bearer token is not one Backbone accepts.');
    return verifier.verify(token);
  }
}
