import { AuthenticationError } from '../errors/app-errors';
import type { Authenticator } from './authenticator';
import { API_KEY_PATTERN, type ApiKeys } from './api-keys';
import type { Caller } from './caller';

/**
 * Every credential Backbone accepts, in one place: a tenant's API key (`X-Api-Key: bb_...` or
 * `Authorization: Bearer bb_...`), else a bearer token (Firebase ID token or Google OIDC).
 * Presenting both an API key and a bearer token is refused rather than guessed at.
 */
export class CredentialAuthenticator implements Authenticator {
  constructor(
    private readonly bearer: Authenticator,
    private readonly apiKeys?: ApiKeys,
  ) {}

  async authenticate(headers: Record<string, string | undefined>): Promise<Caller> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers['authorization']?.trim() ?? '')?.[1];
    const headerKey = headers['x-api-key']?.trim();
    const key = headerKey ?? (bearer && API_KEY_PATTERN.test(bearer) ? bearer : undefined);
    if (key !== undefined && this.apiKeys) {
      if (headerKey !== undefined && headers['authorization']) {
        throw new AuthenticationError('Send an API key or a bearer token, not both.');
      }
      return this.apiKeys.verify(key);
    }
    return this.bearer.authenticate(headers);
  }
}
