import type { Caller } from './caller';

/**
 * Turns a request's credentials into a verified caller. No credentials: anonymous. Credentials
 * that do not verify (forged, expired, wrong audience, unknown kind): AuthenticationError.
 */
export interface Authenticator {
  authenticate(headers: Record<string, string | undefined>): Promise<Caller>;
}
