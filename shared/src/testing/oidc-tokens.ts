import { createSign, type KeyObject } from 'node:crypto';

/**
 * A Google-style OIDC token (RS256) signed with the given key: what Cloud Scheduler or a calling
 * function presents. Tests sign with their own keys; `npm start` signs with its local key.
 */
export function signOidcToken(
  privateKey: KeyObject | string,
  claims: { aud: string; email: string } & Record<string, unknown>,
  kid = 'k1',
): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  const body = encode({
    iss: 'https://accounts.google.com',
    sub: claims.email,
    email_verified: true,
    iat: now,
    exp: now + 3600,
    ...claims,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey).toString('base64url');
  return `${header}.${body}.${signature}`;
}
