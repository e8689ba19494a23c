import { generateKeyPairSync } from 'node:crypto';
import { BearerAuthenticator } from '@backbone/shared/core';
import { GoogleOidcVerifier } from '@backbone/shared/gcp';
import { signOidcToken } from '@backbone/shared/testing';

const signer = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const AUDIENCE = 'https://pep-check-xyz.a.run.app';
const SCHEDULER = 'sched-health-aggregator@backbone-prod.iam.gserviceaccount.com';

const jwt = (claims: Record<string, unknown>, key = signer.privateKey) =>
  signOidcToken(key, { aud: AUDIENCE, email: SCHEDULER, sub: '1234', ...claims });

const authenticator = new BearerAuthenticator([
  new GoogleOidcVerifier({
    audience: AUDIENCE,
    allowedServiceAccounts: [SCHEDULER],
    certificates: async () => ({ k1: pem }),
  }),
]);
const authenticate = (token: string) => authenticator.authenticate({ authorization: `Bearer ${token}` });

describe('GoogleOidcVerifier (000#60)', () => {
  it('accepts a Google-signed token for this audience from an allowed service account', async () => {
    await expect(authenticate(jwt({}))).resolves.toEqual({
      kind: 'service',
      email: SCHEDULER,
      subject: '1234',
    });
  });

  it.each([
    ['a forged signature', () => jwt({}, stranger.privateKey)],
    ['another audience', () => jwt({ aud: 'https://other.example' })],
    ['an expired token', () => jwt({ iat: 1_600_000_000, exp: 1_600_000_600 })],
    ['a service account not on the list', () => jwt({ email: 'someone@evil.iam.gserviceaccount.com' })],
    ['another issuer', () => jwt({ iss: 'https://evil.example' })],
    [
      'a payload edited after signing',
      () => {
        const [h, , s] = jwt({}).split('.');
        return `${h}.${Buffer.from(JSON.stringify({ iss: 'https://accounts.google.com', aud: AUDIENCE, email: SCHEDULER, exp: 9_999_999_999 })).toString('base64url')}.${s}`;
      },
    ],
    ['not a JWT', () => 'abc.def'],
  ])('refuses %s with AUTH-001', async (_what, token) => {
    await expect(authenticate(token())).rejects.toMatchObject({ code: 'AUTH-001' });
  });

  it('treats no Authorization header as anonymous, and a non-Bearer one as an error', async () => {
    await expect(authenticator.authenticate({})).resolves.toEqual({ kind: 'anonymous' });
    await expect(authenticator.authenticate({ authorization: 'Basic dXNlcjpwYXNz' })).rejects.toMatchObject({
      code: 'AUTH-001',
    });
  });
});
