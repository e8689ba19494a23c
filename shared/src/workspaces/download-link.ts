import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The customer's link to a decrypted archive, valid for the archive's life (30 days: longer than a
 * V4 signed URL may live, so the function signs it itself): HMAC-SHA256 over the archive id and
 * the expiry, under a secret from Secret Manager.
 */
export function signArchiveLink(secret: string, archiveId: string, expiresAt: Date): { exp: number; sig: string } {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return { exp, sig: mac(secret, archiveId, exp) };
}

export function archiveLinkValid(secret: string, archiveId: string, exp: number, sig: string, now: Date): boolean {
  if (!Number.isSafeInteger(exp) || exp * 1000 <= now.getTime() || !/^[0-9a-f]{64}$/.test(sig)) return false;
  return timingSafeEqual(Buffer.from(mac(secret, archiveId, exp), 'hex'), Buffer.from(sig, 'hex'));
}

const mac = (secret: string, archiveId: string, exp: number) =>
  createHmac('sha256', secret).update(`archive-link\n${archiveId}\n${exp}`).digest('hex');
