import {
  captureLogs,
  MemoryAuditArchive,
  MemoryAuditLog,
  MemoryAuditTiles,
  sampleAuditRecord,
} from '@backbone/shared/testing';
import type { Checkpoint, CheckpointStore } from '@backbone/shared/audit';
import { archiveAudit } from '../service';

const NOW = new Date('2026-12-07T00:00:00Z');
const DAY = 86_400_000;

async function chainOf(n: number, daysAgo: (seq: number) => number) {
  const log = new MemoryAuditLog();
  for (let seq = 1; seq <= n; seq++)
    await log.append([sampleAuditRecord(seq, new Date(NOW.getTime() - daysAgo(seq) * DAY))]);
  return log.entries;
}
const checkpointsAt = (c: Checkpoint | undefined): CheckpointStore => ({
  write: async () => 'written',
  latest: async () => c,
  list: async () => (c ? [c] : []),
});

function setup(entries: Awaited<ReturnType<typeof chainOf>>, checkpointSeq: number) {
  const tiles = new MemoryAuditTiles(entries, 4);
  const archive = new MemoryAuditArchive();
  const sealed = entries.find((e) => e.seq === checkpointSeq)!;
  const deps = {
    tiles,
    archive,
    checkpoints: checkpointsAt({ seq: sealed.seq, hash: sealed.hash, at: NOW.toISOString(), source: 't' }),
    audit: new MemoryAuditLog(),
    source: 'backbone/audit-archiver',
    logger: captureLogs().logger,
  };
  return { tiles, archive, deps };
}

describe('archiveAudit', () => {
  it('stops at the first tile with a record under 30 days old, whole tiles only', async () => {
    const entries = await chainOf(12, (seq) => (seq === 7 ? 10 : 60));
    const { tiles, archive, deps } = setup(entries, 12);
    expect(await archiveAudit(deps, NOW)).toEqual({ batches: 1, records: 4 });
    expect(tiles.tiles.map((t) => t.firstSeq)).toEqual([5, 9]);
    expect((await archive.batches()).map((b) => [b.firstSeq, b.lastSeq])).toEqual([[1, 4]]);
  });

  it('finishes a batch sealed before a crash, and refuses a chain that does not follow the archive', async () => {
    const entries = await chainOf(8, () => 60);
    const { tiles, archive, deps } = setup(entries, 8);
    // A crash after sealing, before the tiles went: the next firing finds the batch and goes on.
    const crashing = {
      archivedThrough: () => tiles.archivedThrough(),
      oldest: (limit: number) => tiles.oldest(limit),
      remove: async () => {
        throw new Error('crash');
      },
    };
    const first = await archiveAudit({ ...deps, tiles: crashing }, NOW).catch((e: Error) => e.message);
    expect(first).toBe('crash');
    expect((await archive.batches()).map((b) => b.count)).toEqual([8]);
    expect(await archiveAudit(deps, NOW)).toEqual({ batches: 1, records: 8 });
    expect((await archive.batches()).map((b) => b.count)).toEqual([8]);
    expect(tiles.tiles).toEqual([]);

    const other = setup(await chainOf(8, () => 60), 8);
    other.tiles.through = { seq: 3, hash: 'a'.repeat(64) };
    await expect(archiveAudit(other.deps, NOW)).rejects.toThrow(/does not follow the archive/);
  });
});
