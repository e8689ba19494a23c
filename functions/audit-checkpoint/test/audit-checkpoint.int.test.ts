import { verifyCheckpoints, type AuditEntry } from '@backbone/shared/audit';
import { captureLogs, invokeHttp, ManualClock } from '@backbone/shared/testing';
import { auditChainOnEmulators } from './audit-chain-emulators';
import { makeHandler } from '../handler';

// The chain in the Firestore emulator, checkpoints in the Storage emulator.
const { db, audit, checkpoints, appendRound, chain } = auditChainOnEmulators();
const { logger, records } = captureLogs('audit-checkpoint');
const handler = makeHandler({
  audit,
  checkpoints,
  clock: new ManualClock(),
  source: 'backbone/audit-checkpoint',
  logger,
});
const seal = async () => {
  const res = await invokeHttp(handler, { method: 'POST', path: '/' });
  return { status: res.status, body: res.json() as Record<string, unknown> };
};
const append = (n: number) => appendRound(n, new Date(0));

// The Storage emulator has no bucket creation: writing to a bucket makes it.

describe('audit-checkpoint', () => {
  it('seals nothing for an empty chain, then each new head once, in write-once objects', async () => {
    expect(await seal()).toEqual({ status: 200, body: { status: 'empty' } });
    await append(3);
    expect((await seal()).body).toMatchObject({ status: 'written', seq: 3, previous: null });
    expect((await seal()).body).toMatchObject({ status: 'exists', seq: 3 }); // a retried firing
    await append(2);
    expect((await seal()).body).toMatchObject({ status: 'written', seq: 5, previous: 3 });
    const sealed = await checkpoints.list();
    expect(sealed.map((c) => c.seq)).toEqual([3, 5]);
    expect(verifyCheckpoints(await chain(), sealed)).toEqual({ ok: true, checked: 2 });
  });

  it('refuses to seal a chain rewritten after its last checkpoint, and says so in the log', async () => {
    // A rewrite that recomputed hashes would still verify on its own; the checkpoint does not match.
    const tile = db.collection('audit_log').doc('000000000004');
    const { entries } = (await tile.get()).data() as { entries: AuditEntry[] };
    entries[1]!.hash = 'f'.repeat(64);
    await tile.update({ entries });
    await append(1);
    const refused = await seal();
    expect([refused.status, refused.body.code]).toEqual([409, 'REQ-008']);
    expect((await checkpoints.list()).map((c) => c.seq)).toEqual([3, 5]);
    expect(records.some((r) => r.severity === 'ERROR' && r.message.includes('diverges'))).toBe(true);
    expect(verifyCheckpoints(await chain(), await checkpoints.list())).toEqual({
      ok: false,
      seq: 5,
      reason: 'record 5 no longer has its checkpointed hash',
    });
  });
});
