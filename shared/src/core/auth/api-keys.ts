import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, ConflictError, NotFoundError } from '../errors/app-errors';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store';
import type { Clock } from '../ports/clock';
import type { Caller } from './caller';

/**
 * API keys for machine clients (004§2.2): `bb_live_<keyId>_<secret>`. The prefix says what it is
 * (so scanners and the PII masker recognise it), the key id finds the record, the secret is
 * checked against its stored hash in constant time. The secret is returned once, at creation.
 */
export const API_KEY_PATTERN = /^bb_(live|test)_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomToken(length: number): string {
  // Rejection sampling keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export type ApiKeyCaller = Extract<Caller, { kind: 'client' }>;

/** What a list shows: everything but the hash. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'secretHash'>;

/** Active keys a tenant may hold at once: a leaked admin session cannot mint keys without bound. */
export const MAX_ACTIVE_KEYS_PER_TENANT = 50;

export class ApiKeys {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: Clock,
    private readonly mode: 'live' | 'test' = 'live',
    private readonly maxActivePerTenant = MAX_ACTIVE_KEYS_PER_TENANT,
  ) {}

  async create(input: {
    tenant: string;
    name: string;
    scopes: string[];
    ttlDays?: number;
  }): Promise<{ key: string; summary: ApiKeySummary }> {
    const now = this.clock.now();
    const active = (await this.store.listByTenant(input.tenant)).filter((k) => isActive(k, now));
    if (active.length >= this.maxActivePerTenant)
      throw new ConflictError(
        `The tenant has ${active.length} active API keys, the most it may hold; revoke one first.`,
      );
    return this.mint({
      ...input,
      expiresAt: input.ttlDays ? new Date(now.getTime() + input.ttlDays * 86_400_000) : null,
    });
  }

  private async mint(input: {
    tenant: string;
    name: string;
    scopes: string[];
    expiresAt: Date | null;
  }): Promise<{ key: string; summary: ApiKeySummary }> {
    const { key, record } = this.record(input);
    await this.store.create(record);
    return { key, summary: summarize(record) };
  }

  private record(input: { tenant: string; name: string; scopes: string[]; expiresAt: Date | null }): {
    key: string;
    record: ApiKeyRecord;
  } {
    const keyId = randomToken(12);
    const secret = randomToken(32);
    const key = `bb_${this.mode}_${keyId}_${secret}`;
    return {
      key,
      record: {
        keyId,
        tenant: input.tenant,
        name: input.name,
        scopes: [...new Set(input.scopes)].sort(),
        displayPrefix: key.slice(0, 16),
        secretHash: sha256(secret),
        createdAt: this.clock.now(),
        expiresAt: input.expiresAt,
        revokedAt: null,
        validUntil: null,
        replacedBy: null,
      },
    };
  }

  async list(tenant: string): Promise<ApiKeySummary[]> {
    return (await this.store.listByTenant(tenant)).map(summarize);
  }

  /**
   * A new key with the same tenant, name, scopes and expiry (rotation never extends a key's life);
   * the old one keeps working for `overlapHours`, never past its own expiry. Only an active key
   * that was not rotated already can be rotated (409 otherwise): one key has one successor.
   */
  async rotate(tenant: string, keyId: string, overlapHours: number): Promise<{ key: string; summary: ApiKeySummary }> {
    const old = await this.owned(tenant, keyId);
    const now = this.clock.now();
    if (old.revokedAt) throw new ConflictError(`API key ${keyId} is revoked.`);
    if (old.replacedBy) throw new ConflictError(`API key ${keyId} was rotated already (to ${old.replacedBy}).`);
    if (!isActive(old, now)) throw new ConflictError(`API key ${keyId} has expired.`);
    const next = this.record({ tenant, name: old.name, scopes: old.scopes, expiresAt: old.expiresAt });
    const overlapEnd = now.getTime() + overlapHours * 3_600_000;
    const validUntil = new Date(old.expiresAt ? Math.min(overlapEnd, old.expiresAt.getTime()) : overlapEnd);
    // Two rotations at once: one successor, the other caller is told it was rotated.
    if (!(await this.store.rotate(keyId, next.record, validUntil)))
      throw new ConflictError(`API key ${keyId} was rotated or revoked meanwhile.`);
    return { key: next.key, summary: summarize(next.record) };
  }

  async revoke(tenant: string, keyId: string): Promise<void> {
    await this.owned(tenant, keyId);
    await this.store.update(keyId, { revokedAt: this.clock.now() });
  }

  /** The caller a presented key stands for; every failure is the same 401 to the caller. */
  async verify(presented: string): Promise<ApiKeyCaller> {
    const match = API_KEY_PATTERN.exec(presented);
    if (!match || match[1] !== this.mode) throw new AuthenticationError('The API key is not valid.');
    const record = await this.store.get(match[2]!);
    // Compare even when the key id is unknown, so timing does not tell which ids exist.
    const expected = Buffer.from(record?.secretHash ?? sha256('no such key'), 'hex');
    const equal = timingSafeEqual(expected, Buffer.from(sha256(match[3]!), 'hex'));
    const now = this.clock.now().getTime();
    if (
      !record ||
      !equal ||
      record.revokedAt ||
      (record.expiresAt && record.expiresAt.getTime() <= now) ||
      (record.validUntil && record.validUntil.getTime() <= now)
    ) {
      throw new AuthenticationError('The API key is not valid.');
    }
    return { kind: 'client', keyId: record.keyId, tenant: record.tenant, scopes: record.scopes };
  }

  private async owned(tenant: string, keyId: string): Promise<ApiKeyRecord> {
    const record = await this.store.get(keyId);
    // Another tenant's key is reported as absent: ids are not to be probed.
    if (!record || record.tenant !== tenant) throw new NotFoundError(`No API key ${keyId}.`);
    return record;
  }
}

/** Not revoked, not expired, not past a rotation's overlap. */
function isActive(record: ApiKeyRecord, now: Date): boolean {
  const t = now.getTime();
  return (
    !record.revokedAt &&
    (!record.expiresAt || record.expiresAt.getTime() > t) &&
    (!record.validUntil || record.validUntil.getTime() > t)
  );
}

function summarize(record: ApiKeyRecord): ApiKeySummary {
  const { secretHash: _hash, ...summary } = record;
  return summary;
}
