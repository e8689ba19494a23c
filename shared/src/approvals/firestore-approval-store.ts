import type { Firestore } from '@google-cloud/firestore';
import { fromFirestore, getDocument, updateDocument, queryDocuments } from '../gcp/firestore-documents';
import { standing, type ApprovalRequest, type ApprovalStatus } from './approval';
import type { ApprovalStore } from './approval-store';

/**
 * `approvals/{id}` and `approval_keys/{key}` (the key's current request). A request document is
 * written a handful of times in its life (requested, escalated, decided): far under a write a second.
 */
export class FirestoreApprovalStore implements ApprovalStore {
  constructor(private readonly db: Firestore) {}

  private requests() {
    return this.db.collection('approvals');
  }
  private pending() {
    return this.requests().where('status', '==', 'pending');
  }

  async current(key: string, make: () => ApprovalRequest, now: Date) {
    const keyRef = this.db.collection('approval_keys').doc(key);
    return this.db.runTransaction(async (tx) => {
      const pointer = await tx.get(keyRef);
      const currentId = pointer.get('current') as string | undefined;
      if (currentId) {
        const snap = await tx.get(this.requests().doc(currentId));
        const existing = snap.exists ? (fromFirestore(snap.data()) as ApprovalRequest) : undefined;
        if (existing && standing(existing, now) !== 'lapsed') return { request: existing, created: false };
      }
      const request = make();
      tx.create(this.requests().doc(request.id), request);
      tx.set(keyRef, { current: request.id });
      return { request, created: true };
    });
  }

  get(id: string) {
    return getDocument<ApprovalRequest>(this.requests().doc(id));
  }

  update(id: string, change: (r: ApprovalRequest) => ApprovalRequest | null) {
    return updateDocument(this.db, this.requests().doc(id), change);
  }

  async due(now: Date, limit: number) {
    const late = this.pending().where('nextDeadlineAt', '<=', now).orderBy('nextDeadlineAt');
    return queryDocuments<ApprovalRequest>(late.limit(limit));
  }

  async unannounced(limit: number) {
    const silent = this.pending().where('announced', '==', false).orderBy('createdAt');
    return queryDocuments<ApprovalRequest>(silent.limit(limit));
  }

  async list(status: ApprovalStatus, limit: number) {
    return queryDocuments<ApprovalRequest>(
      this.requests().where('status', '==', status).orderBy('createdAt', 'desc').limit(limit),
    );
  }
}
