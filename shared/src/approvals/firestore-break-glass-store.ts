import type { Firestore } from '@google-cloud/firestore';
import { fromFirestore, getDocument, updateDocument, queryDocuments } from '../gcp/firestore-documents';
import type { BreakGlassGrant } from './break-glass';
import type { BreakGlassStore } from './break-glass-store';

/** `break_glass/{id}`; the latest grant of a key is found by `key` (equality) and `requestedAt`. */
export class FirestoreBreakGlassStore implements BreakGlassStore {
  constructor(private readonly db: Firestore) {}

  private grants() {
    return this.db.collection('break_glass');
  }
  async create(grant: BreakGlassGrant) {
    await this.grants().doc(grant.id).create(grant);
  }
  get(id: string) {
    return getDocument<BreakGlassGrant>(this.grants().doc(id));
  }
  update(id: string, change: (g: BreakGlassGrant) => BreakGlassGrant | null) {
    return updateDocument(this.db, this.grants().doc(id), change);
  }
  async latest(key: string) {
    const snap = await this.grants().where('key', '==', key).orderBy('requestedAt', 'desc').limit(1).get();
    return snap.empty ? undefined : (fromFirestore(snap.docs[0]!.data()) as BreakGlassGrant);
  }
  async list(limit: number) {
    return queryDocuments<BreakGlassGrant>(this.grants().orderBy('requestedAt', 'desc').limit(limit));
  }
}
