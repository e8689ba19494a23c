import { OAuth2Client } from 'google-auth-library';
import type { TokenVerifier } from '../core/auth/bearer-authenticator';
import type { Caller } from '../core/auth/caller';
import { AuthenticationError } from '../core/errors/app-errors';

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

type Certificates = Parameters<OAuth2Client['verifySignedJwtWithCertsAsync']>[1];

/**
 * Google-signed OIDC tokens of service identities (000#60): Cloud Scheduler jobs, Pub/Sub push
 * subscriptions, other functions. The signature is checked against Google's certificates, the
 * audience must be this function's URL, and the service account must be on the allowed list.
 */
export class GoogleOidcVerifier implements TokenVerifier {
  private readonly client = new OAuth2Client();

  constructor(
    private readonly options: {
      audience: string | string[];
      allowedServiceAccounts: string[];
      /** Platform Portal roles granted to some of those identities. */
      serviceRoles?: Record<string, string[]>;
      /** Google's signing certificates; tests pass their own. */
      certificates?: () => Promise<Certificates>;
    },
  ) {}

  accepts(issuer: string): boolean {
    return GOOGLE_ISSUERS.includes(issuer);
  }

  async verify(token: string): Promise<Caller> {
    let payload: ReturnType<Awaited<ReturnType<OAuth2Client['verifySignedJwtWithCertsAsync']>>['getPayload']>;
    try {
      const certs = this.options.certificates
        ? await this.options.certificates()
        : (await this.client.getFederatedSignonCertsAsync()).certs;
      const ticket = await this.client.verifySignedJwtWithCertsAsync(
        token,
        certs,
        this.options.audience,
        GOOGLE_ISSUERS,
      );
      payload = ticket.getPayload();
    } catch (error) {
      throw new AuthenticationError('The OIDC token is not valid (signature, audience or expiry).', error);
    }
    const email = payload?.email;
    if (!email || payload?.email_verified === false || !this.options.allowedServiceAccounts.includes(email)) {
      throw new AuthenticationError('The OIDC token is not from an allowed service identity.');
    }
    const roles = this.options.serviceRoles?.[email];
    return { kind: 'service', email, subject: payload!.sub, ...(roles ? { roles } : {}) };
  }
}
