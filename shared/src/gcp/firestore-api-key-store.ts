import { type Firestore, Timestamp } from '@google-cloud/firestore';
import { fromFirestore } from './firestore-documents';
import type { ApiKeyRecord, ApiKeyStore } from '../core/auth/api-key-store';

/** API keys in `api_keys/{keyId}` (hashes only). */
export class FirestoreApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Firestore) {}

  private ref(keyId: string) {
    return this.db.collection('api_keys').doc(keyId);
  }

  async get(keyId: string): Promise<ApiKeyRecord | undefined> {
    const snap = await this.ref(keyId).get();
    return snap.exists ? (fromFirestore(snap.data()) as ApiKeyRecord) : undefined;
  }

  async create(record: ApiKeyRecord): Promise<void> {
    await this.ref(record.keyId).create(record);
  }

  async update(keyId: string, changes: Partial<ApiKeyRecord>): Promise<void> {
    const converted = Object.fromEntries(
      Object.entries(changes).map(([k, v]) => [k, v instanceof Date ? Timestamp.fromDate(v) : v]),
    );
    await this.ref(keyId).update(converted);
  }

  rotate(keyId: string, successor: ApiKeyRecord, validUntil: Date): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const old = await tx.get(this.ref(keyId));
      if (!old.exists || old.get('revokedAt') || old.get('replacedBy')) return false;
      tx.create(this.ref(successor.keyId), successor);
      tx.update(this.ref(keyId), { validUntil: Timestamp.fromDate(validUntil), replacedBy: successor.keyId });
      return true;
    });
  }

  async listByTenant(tenant: string): Promise<ApiKeyRecord[]> {
    const snap = await this.db.collection('api_keys').where('tenant', '==', tenant).get();
    return snap.docs
      .map((d) => fromFirestore(d.data()) as ApiKeyRecord)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}
