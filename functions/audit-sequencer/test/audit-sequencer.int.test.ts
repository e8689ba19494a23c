import { systemClock, type Caller } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { Gatekeeper, DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { verifyChain, type AuditEntry, type AuditTile } from '@backbone/shared/audit';
import {
  FirestoreAuditLog,
  FirestoreAuditSequencer,
  readAuditChain,
  SequencerLeaseLostError,
} from '@backbone/shared/audit/gcp';
import { captureLogs, invokeHttp, ManualClock, uniqueProjectId } from '@backbone/shared/testing';
import { makeHandler } from '../handler';

// Each test gets its own project: its own empty chain.
function setup() {
  const db = createFirestore(uniqueProjectId());
  const sequencer = (clock = systemClock, extra = {}) =>
    new FirestoreAuditSequencer(db, { clock, logger: captureLogs().logger, ...extra });
  const chain = async () => {
    const out: AuditEntry[] = [];
    for await (const e of readAuditChain(db)) out.push(e);
    return out;
  };
  const intakeSize = async () => (await db.collection('audit_intake').get()).size;
  return { db, log: new FirestoreAuditLog(db), sequencer, chain, intakeSize };
}
const record = (i: number) => ({
  actor: { type: 'Service', id: `svc-${i}` },
  action: 'pep.run',
  target: { type: 'Agent', id: `a-${i}` },
  outcome: 'allow',
  source: 'test',
  at: new Date(0).toISOString(),
});

describe('audit sequencer (issue 12 item 8, issue 13 item 1)', () => {
  it('integrates 300 appends from three writers in one round: contiguous, verifiable, intake emptied', async () => {
    const { db, sequencer, chain, intakeSize } = setup();
    const writers = [0, 1, 2].map(() => new FirestoreAuditLog(db));
    await Promise.all(Array.from({ length: 300 }, (_, i) => writers[i % 3]!.append([record(i)])));
    const s = sequencer(systemClock, { maxTileEntries: 64 });
    expect(await s.acquire()).toBe(true);
    const report = await s.round();
    expect(report).toMatchObject({ integrated: 300, headSeq: 300 });
    expect(report.maxDelayMs).toBeGreaterThanOrEqual(0);
    const entries = await chain();
    expect(verifyChain(entries)).toEqual({ ok: true, count: 300 });
    expect(new Set(entries.map((e) => e.actor.id)).size).toBe(300);
    expect(await intakeSize()).toBe(0);
    // Five tiles of at most 64, keyed by their first sequence number.
    expect((await db.collection('audit_log').get()).docs.map((d) => d.id)).toEqual(
      [1, 65, 129, 193, 257].map((n) => String(n).padStart(12, '0')),
    );
    await db.terminate();
  });

  it('after a crash between the commit and the intake cleanup, the next sequencer chains nothing twice', async () => {
    const { db, log, sequencer, chain, intakeSize } = setup();
    await log.append([record(1), record(2), record(3)]);
    const first = sequencer();
    await first.acquire();
    await first.round();
    await first.release();
    // What the crash leaves: the round committed, its intake still there.
    const [tile] = (await db.collection('audit_log').get()).docs.map((d) => d.data() as AuditTile);
    const survivors = await Promise.all(
      tile!.intakeIds.map((id, i) =>
        db
          .collection('audit_intake')
          .doc(id)
          .set({ record: tile!.entries[i], state: 'settled', receivedAt: new Date() }),
      ),
    );
    expect(survivors).toHaveLength(3);
    await log.append([record(4)]);
    const second = sequencer();
    await second.acquire();
    expect(await second.round()).toMatchObject({ integrated: 1, headSeq: 4 });
    expect(verifyChain(await chain())).toEqual({ ok: true, count: 4 });
    expect(await intakeSize()).toBe(0);
    await db.terminate();
  });

  it('fences a sequencer whose lease was taken over: its round commits nothing', async () => {
    const { db, log, sequencer, chain } = setup();
    await log.append([record(1)]);
    const start = new Date();
    const a = sequencer(new ManualClock(start));
    expect(await a.acquire()).toBe(true);
    const b = sequencer(new ManualClock(new Date(start.getTime() + 5_000)));
    expect(await b.acquire()).toBe(false); // still held
    const late = sequencer(new ManualClock(new Date(start.getTime() + 31_000)));
    expect(await late.acquire()).toBe(true); // expired: taken over
    await expect(a.round()).rejects.toBeInstanceOf(SequencerLeaseLostError);
    expect(await late.round()).toMatchObject({ integrated: 1, headSeq: 1 });
    expect(verifyChain(await chain())).toEqual({ ok: true, count: 1 });
    await db.terminate();
  });

  it('chains an intent never settled as outcome unknown after its timeout; a late outcome becomes its own entry', async () => {
    const { db, log, sequencer, chain } = setup();
    const intent = await log.begin({ ...record(1), outcome: 'pending' });
    const now = sequencer();
    await now.acquire();
    expect(await now.round()).toMatchObject({ integrated: 0, pendingIntents: 1 });
    await now.release();
    const later = sequencer(new ManualClock(new Date(Date.now() + 121_000)));
    await later.acquire();
    expect(await later.round()).toMatchObject({ integrated: 1, pendingIntents: 0 });
    await intent.settle('allow', { changed: true });
    await later.round();
    const entries = await chain();
    expect(entries.map((e) => [e.outcome, e.details])).toEqual([
      ['unknown', { unsettledIntent: true }],
      ['allow', { changed: true, settlesIntent: expect.any(String) }],
    ]);
    await db.terminate();
  });

  it('Gatekeeper: a change that crashed before its outcome still has an audit record', async () => {
    const { db, log, sequencer, chain } = setup();
    const gate = new Gatekeeper({
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit: log,
      clock: systemClock,
      source: 'test',
    });
    const governor: Caller = {
      kind: 'user',
      uid: 'g',
      portal: 'PP',
      tenant: 'platform',
      roles: ['platform_governor'],
    };
    const changed: string[] = [];
    // The process "dies" inside the change: the outcome is never written.
    const crash = gate.run(governor, 'update', { type: 'Component', id: 'mcp_servers' }, async () => {
      changed.push('mcp_servers/x');
      return new Promise<never>(() => undefined);
    });
    void crash;
    // The change starts only once its intent is stored; wait for it rather than for a fixed time.
    for (const deadline = Date.now() + 10_000; changed.length === 0 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    expect(changed).toEqual(['mcp_servers/x']);
    const s = sequencer(new ManualClock(new Date(Date.now() + 121_000)));
    await s.acquire();
    await s.round();
    expect((await chain()).map((e) => [e.action, e.outcome, e.actor.id])).toEqual([
      ['governance.update', 'unknown', 'g'],
    ]);
    await db.terminate();
  });

  it('POST / (Cloud Scheduler) runs rounds for its run time and reports them', async () => {
    const { db, log, chain } = setup();
    const handler = makeHandler({
      sequencer: new FirestoreAuditSequencer(db, { clock: systemClock, logger: captureLogs().logger }),
      clock: systemClock,
      logger: captureLogs().logger,
      runMs: 1_200,
      intervalMs: 300,
    });
    const running = invokeHttp(handler, { method: 'POST', path: '/' });
    await log.append([record(1)]);
    await new Promise((r) => setTimeout(r, 400));
    await log.append([record(2)]);
    const res = await running;
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ integrated: 2 });
    expect((res.json() as { rounds: number }).rounds).toBeGreaterThanOrEqual(3);
    expect(verifyChain(await chain())).toEqual({ ok: true, count: 2 });
    await db.terminate();
  });
});
