import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { fromFirestore, queryDocuments } from '../gcp/firestore-documents';
import type { ArchiveManifest } from './archive';
import { archivedFields, packingRecord } from './archive-store';
import type { ArchiveClaim, ArchiveRecord, ArchiveStore } from './archive-store';

const ALREADY_EXISTS = 6;

/**
 * `workspace_archives/{archiveId}`: written once when packing starts, once when it is done, once
 * at restore and once at deletion: a handful of writes per cancelled tenant, never a hot document.
 */
export class FirestoreArchiveStore implements ArchiveStore {
  constructor(private readonly db: Firestore) {}
  private archives() {
    return this.db.collection('workspace_archives');
  }
  async begin(claim: ArchiveClaim) {
    try {
      await this.archives().doc(claim.archiveId).create(packingRecord(claim));
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
      // Packing that never finished (a crash) is packed again; a finished archive is not.
      return (await this.archives().doc(claim.archiveId).get()).get('status') === 'packing';
    }
  }
  async complete(manifest: ArchiveManifest, manifestObject: string) {
    // Dates are stored as Timestamps by the SDK.
    await this.archives().doc(manifest.archiveId).update(archivedFields(manifest, manifestObject));
  }
  async get(id: string) {
    const snap = await this.archives().doc(id).get();
    return snap.exists ? (fromFirestore(snap.data()) as ArchiveRecord) : undefined;
  }
  async ofTenant(tenant: string, limit: number) {
    return queryDocuments<ArchiveRecord>(
      this.archives().where('tenant', '==', tenant).orderBy('createdAt', 'desc').limit(limit),
    );
  }
  async expired(now: Date, limit: number) {
    return queryDocuments<ArchiveRecord>(
      this.archives()
        .where('status', 'in', ['archived', 'restored'])
        .where('expiresAt', '<=', Timestamp.fromDate(now))
        .orderBy('expiresAt')
        .limit(limit),
    );
  }
  async mark(id: string, change: { status: 'restored'; restoredAt: Date } | { status: 'deleted'; deletedAt: Date }) {
    await this.archives().doc(id).update(change);
  }
}
