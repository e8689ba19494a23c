import { verifyCheckpoints } from '@backbone/shared/audit';
import { MemoryAuditLog, sampleAuditRecord } from '@backbone/shared/testing';

async function chainOf(n: number) {
  const log = new MemoryAuditLog();
  for (let i = 0; i < n; i++) await log.append([sampleAuditRecord(i, 'now')]);
  return log.entries;
}
const sealed = (seq: number, hash: string) => ({
  seq,
  hash,
  at: 'then',
  source: 'backbone/audit-checkpoint',
});

describe('verifyCheckpoints', () => {
  it('accepts a chain that still holds every checkpointed record', async () => {
    const entries = await chainOf(4);
    expect(verifyCheckpoints(entries, [sealed(4, entries[3]!.hash), sealed(2, entries[1]!.hash)])).toEqual({
      ok: true,
      checked: 2,
    });
  });

  it('names a checkpoint the chain no longer reaches (truncated chain)', async () => {
    const entries = await chainOf(4);
    expect(verifyCheckpoints(entries.slice(0, 2), [sealed(4, entries[3]!.hash)])).toEqual({
      ok: false,
      seq: 4,
      reason: 'checkpoint 4 names a record the chain lacks',
    });
  });

  it('names the first checkpoint whose record was rewritten, even if the chain was re-hashed', async () => {
    const original = await chainOf(4);
    const rewritten = await chainOf(4); // same length, different content at seq 1: every hash differs
    rewritten[0]!.outcome = 'changed';
    const forged = await (async () => {
      const log = new MemoryAuditLog();
      for (const e of rewritten) await log.append([{ ...e, details: { forged: true } }]);
      return log.entries;
    })();
    expect(verifyCheckpoints(forged, [sealed(2, original[1]!.hash), sealed(4, original[3]!.hash)])).toMatchObject({
      ok: false,
      seq: 2,
    });
  });
});
