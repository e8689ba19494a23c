import type { Logger } from '@backbone/shared/core';
import {
  HOT_DAYS,
  openBatch,
  sealBatch,
  serviceRecord,
  type AuditArchive,
  type AuditLog,
  type AuditTiles,
  type CheckpointStore,
} from '@backbone/shared/audit';

export interface ArchiveAuditDeps {
  tiles: AuditTiles;
  archive: AuditArchive;
  checkpoints: CheckpointStore;
  audit: AuditLog;
  source: string;
  logger: Logger;
}

/** Tiles per batch: at most about 10,000 records (256 a tile) and 20 MiB. */
const TILES_PER_BATCH = 40;
/** Batches per firing: the rest waits for tomorrow's (a backlog drains at 500,000 records a day). */
const BATCHES_PER_FIRING = 50;

/**
 * Moves the oldest tiles out of Firestore: only records older than 30 days and covered by a
 * checkpoint (sealed at or after them), so every archived record can be checked against a seal.
 * A batch is written once, read back and verified (its bytes, its chain from the last archived
 * record, its checkpoint) before its tiles are removed; a crash anywhere repeats the batch, and a
 * sealed batch is found as it was.
 */
export async function archiveAudit(deps: ArchiveAuditDeps, now: Date) {
  const counts = { batches: 0, records: 0 };
  const checkpoint = await deps.checkpoints.latest();
  if (!checkpoint) return counts;
  const cutoff = now.getTime() - HOT_DAYS * 86_400_000;
  for (let n = 0; n < BATCHES_PER_FIRING; n++) {
    const through = await deps.tiles.archivedThrough();
    const oldest = await deps.tiles.oldest(TILES_PER_BATCH);
    const eligible = [];
    for (const tile of oldest) {
      const old = tile.entries.every((e) => Date.parse(e.at) < cutoff);
      if (!old || tile.lastSeq > checkpoint.seq) break;
      eligible.push(tile);
    }
    if (eligible.length === 0) break;
    const entries = eligible.flatMap((t) => t.entries);
    if (entries[0]!.seq !== through.seq + 1 || entries[0]!.prevHash !== through.hash)
      throw new Error(
        `audit chain: the oldest tile (record ${entries[0]!.seq}) does not follow the archive (record ${through.seq})`,
      );
    const sealed = sealBatch(entries, checkpoint, now);
    const { status, batch } = await deps.archive.seal(sealed.batch, sealed.ndjson);
    // What the bucket holds is what is verified, never what was meant to be written.
    openBatch(batch, await deps.archive.read(batch));
    if (batch.sha256 !== sealed.batch.sha256)
      throw new Error(`audit batch ${batch.firstSeq}-${batch.lastSeq} was sealed with other records`);
    await deps.tiles.remove(eligible, { seq: batch.lastSeq, hash: batch.lastHash });
    await deps.audit.append([
      serviceRecord(deps.source, now, {
        action: 'audit.archived',
        target: { type: 'AuditBatch', id: `${batch.firstSeq}-${batch.lastSeq}` },
        outcome: status,
        details: { records: batch.count, sha256: batch.sha256, checkpointSeq: batch.checkpoint.seq },
      }),
    ]);
    counts.batches++;
    counts.records += batch.count;
  }
  if (counts.batches > 0) deps.logger.info('audit records archived', counts);
  return counts;
}
