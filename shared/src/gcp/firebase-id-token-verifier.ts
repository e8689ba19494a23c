import type { Auth } from 'firebase-admin/auth';
import { UserClaimsSchema, type Caller } from '../core/auth/caller';
import type { TokenVerifier } from '../core/auth/bearer-authenticator';
import { AuthenticationError } from '../core/errors/app-errors';

/**
 * Firebase Auth ID tokens of portal users, verified by firebase-admin (signature, expiry,
 * audience = the project; revocation checked). Roles, portal and tenant come from custom claims;
 * a token without valid claims is refused rather than treated as a user without roles.
 */
export class FirebaseIdTokenVerifier implements TokenVerifier {
  constructor(
    private readonly auth: Auth,
    private readonly projectId: string,
  ) {}

  accepts(issuer: string): boolean {
    return issuer === `https://securetoken.google.com/${this.projectId}`;
  }

  async verify(token: string): Promise<Caller> {
    let decoded: Awaited<ReturnType<Auth['verifyIdToken']>>;
    try {
      decoded = await this.auth.verifyIdToken(token, true);
    } catch (error) {
      throw new AuthenticationError('The ID token is not valid (expired, revoked or not for this project).', error);
    }
    const claims = UserClaimsSchema.safeParse(decoded);
    if (!claims.success) throw new AuthenticationError('The ID token carries no Backbone claims (portal, tenant).');
    return {
      kind: 'user',
      uid: decoded.uid,
      ...claims.data,
      ...(decoded.email ? { email: decoded.email } : {}),
      // When the user last signed in (not when the token was refreshed): fresh sign-ins gate approvals.
      ...(typeof decoded.auth_time === 'number' ? { authTime: new Date(decoded.auth_time * 1000) } : {}),
    };
  }
}
