import { NOTHING_ARCHIVED, type ArchivedThrough } from './archive-batch';
import type { AuditTiles } from './audit-archive';
import type { AuditEntry } from './audit-record';
import { cutTiles, type AuditTile } from './tiles';

/** The AuditTiles contract in memory: a chain's entries cut into tiles of `perTile`. */
export class MemoryAuditTiles implements AuditTiles {
  tiles: AuditTile[] = [];
  through: ArchivedThrough = NOTHING_ARCHIVED;
  constructor(entries: AuditEntry[] = [], perTile = 4) {
    this.tiles = cutTiles(
      entries.map((entry) => ({ entry, intakeId: `intake-${entry.seq}` })),
      { maxEntries: perTile, maxBytes: Infinity },
    );
  }
  async archivedThrough() {
    return { ...this.through };
  }
  async oldest(limit: number) {
    return structuredClone(this.tiles.slice(0, limit));
  }
  async remove(tiles: AuditTile[], through: ArchivedThrough) {
    const gone = new Set(tiles.map((t) => t.firstSeq));
    this.tiles = this.tiles.filter((t) => !gone.has(t.firstSeq));
    this.through = { ...through };
  }
}
