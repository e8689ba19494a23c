import type { AuditTile } from './tiles';
import type { ArchivedThrough, AuditBatch } from './archive-batch';

/** The audit archive bucket's sealed batches (write-once objects under a retention policy). */
export interface AuditArchive {
  /** Writes the batch once; an existing batch of that range is returned as it was sealed. */
  seal(batch: AuditBatch, ndjson: Buffer): Promise<{ status: 'written' | 'exists'; batch: AuditBatch }>;
  batches(): Promise<AuditBatch[]>;
  read(batch: AuditBatch): Promise<Buffer>;
}

/** The chain's tiles in Firestore, oldest first, and the mark of what has left them for the archive. */
export interface AuditTiles {
  archivedThrough(): Promise<ArchivedThrough>;
  oldest(limit: number): Promise<AuditTile[]>;
  /** Removes archived tiles and moves the mark, in one write. */
  remove(tiles: AuditTile[], through: ArchivedThrough): Promise<void>;
}
