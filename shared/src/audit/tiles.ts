import type { AuditEntry } from './audit-record';

/**
 * The chain is stored in tiles (as transparency logs store theirs): one document holds a run of
 * consecutive entries, so integrating a few hundred records writes a few documents, not hundreds
 * of documents under increasing keys. A tile's id is its first sequence number, zero-padded, so
 * key order is chain order; a tile is written once and never changed.
 */
export interface AuditTile {
  firstSeq: number;
  lastSeq: number;
  entries: AuditEntry[];
  /** The intake documents integrated here, so a restarted sequencer can finish removing them. */
  intakeIds: string[];
}

export const tileId = (firstSeq: number) => String(firstSeq).padStart(12, '0');

/** Cuts consecutive entries into tiles of at most `maxEntries` and about `maxBytes` of JSON each. */
export function cutTiles(
  entries: { entry: AuditEntry; intakeId: string }[],
  limits: { maxEntries: number; maxBytes: number },
): AuditTile[] {
  const tiles: AuditTile[] = [];
  let current: AuditTile | undefined;
  let bytes = 0;
  for (const { entry, intakeId } of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry)) + intakeId.length + 8;
    if (!current || current.entries.length >= limits.maxEntries || bytes + size > limits.maxBytes) {
      current = { firstSeq: entry.seq, lastSeq: entry.seq, entries: [], intakeIds: [] };
      tiles.push(current);
      bytes = 0;
    }
    current.entries.push(entry);
    current.intakeIds.push(intakeId);
    current.lastSeq = entry.seq;
    bytes += size;
  }
  return tiles;
}
