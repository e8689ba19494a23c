/** A stored API key: never the secret, only its hash. */
export interface ApiKeyRecord {
  keyId: string;
  tenant: string;
  name: string;
  scopes: string[];
  /** The key's first characters, for people to recognise it in lists and logs. */
  displayPrefix: string;
  /** sha256 of the secret part, hex. */
  secretHash: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Set on a rotated key: it keeps working until then, alongside its successor. */
  validUntil: Date | null;
  replacedBy: string | null;
}

export interface ApiKeyStore {
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  create(record: ApiKeyRecord): Promise<void>;
  update(keyId: string, changes: Partial<ApiKeyRecord>): Promise<void>;
  /**
   * Atomically: unless `keyId` is revoked or rotated already, creates its successor and marks it
   * replaced, valid until `validUntil`. False when it was revoked or rotated meanwhile.
   */
  rotate(keyId: string, successor: ApiKeyRecord, validUntil: Date): Promise<boolean>;
  listByTenant(tenant: string): Promise<ApiKeyRecord[]>;
}
