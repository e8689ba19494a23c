import type { Firestore } from '@google-cloud/firestore';
import { NOTHING_ARCHIVED, type ArchivedThrough } from './archive-batch';
import type { AuditTiles } from './audit-archive';
import { auditCollections } from './firestore-audit-log';
import { tileId, type AuditTile } from './tiles';

/**
 * The tiles of `audit_log` oldest first, and `audit_chain/archived` (`{seq, hash}`): the last
 * record that left Firestore for a sealed batch. Written once a day by audit-archiver.
 */
export class FirestoreAuditTiles implements AuditTiles {
  constructor(private readonly db: Firestore) {}
  private mark() {
    return this.db.collection(auditCollections.head).doc('archived');
  }
  async archivedThrough(): Promise<ArchivedThrough> {
    const snap = await this.mark().get();
    return snap.exists ? { seq: snap.get('seq') as number, hash: snap.get('hash') as string } : NOTHING_ARCHIVED;
  }
  async oldest(limit: number) {
    const snap = await this.db.collection(auditCollections.entries).orderBy('lastSeq').limit(limit).get();
    return snap.docs.map((d) => d.data() as AuditTile);
  }
  async remove(tiles: AuditTile[], through: ArchivedThrough) {
    const batch = this.db.batch();
    for (const tile of tiles) batch.delete(this.db.collection(auditCollections.entries).doc(tileId(tile.firstSeq)));
    batch.set(this.mark(), through);
    await batch.commit();
  }
}
