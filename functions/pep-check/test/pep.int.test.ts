import { systemClock } from '@backbone/shared/core';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { FirestorePolicySource } from '@backbone/shared/policy/gcp';
import { verifyChain, type AuditEntry } from '@backbone/shared/audit';
import { FirestoreAuditLog, FirestoreAuditSequencer, readAuditChain } from '@backbone/shared/audit/gcp';
import { captureLogs, emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();

async function chain(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of readAuditChain(db, { pageSize: 2 })) entries.push(entry);
  return entries;
}
const record = (i: number) => ({
  actor: { type: 'User', id: `u-${i}` },
  action: 'pep.view',
  target: { type: 'Component', id: 'agents' },
  outcome: 'allow',
  source: 'test',
  at: new Date(0).toISOString(),
  details: { note: `viewed by ops${i}@example.com` },
});

describe('the audit chain on Firestore', () => {
  it('integrates 60 concurrent appends as one contiguous, verifiable, masked chain', async () => {
    const logs = [new FirestoreAuditLog(db), new FirestoreAuditLog(db)];
    await Promise.all(Array.from({ length: 60 }, (_, i) => logs[i % 2]!.append([record(i)])));
    const sequencer = new FirestoreAuditSequencer(db, {
      clock: systemClock,
      logger: captureLogs().logger,
      maxTileEntries: 8,
    });
    expect(await sequencer.acquire()).toBe(true);
    expect(await sequencer.round()).toMatchObject({ integrated: 60, headSeq: 60 });
    const entries = await chain();
    expect(verifyChain(entries)).toEqual({ ok: true, count: 60 });
    expect(JSON.stringify(entries)).not.toContain('@example.com');
    expect((await db.collection('audit_intake').get()).size).toBe(0);
  });

  it('names the first tampered record', async () => {
    // Tiles of 8: record 17 is the first of tile 17, record 30 the sixth of tile 25.
    const tile17 = db.collection('audit_log').doc(String(17).padStart(12, '0'));
    const original = (await tile17.get()).data() as { entries: AuditEntry[] };
    await tile17.update({
      entries: [{ ...original.entries[0]!, outcome: 'deny' }, ...original.entries.slice(1)],
    });
    expect(verifyChain(await chain())).toEqual({
      ok: false,
      seq: 17,
      reason: 'its content does not match its hash',
    });
    await tile17.update({ entries: original.entries });
    const tile25 = db.collection('audit_log').doc(String(25).padStart(12, '0'));
    const later = (await tile25.get()).data() as { entries: AuditEntry[] };
    await tile25.update({ entries: later.entries.filter((e) => e.seq !== 30) });
    expect(verifyChain(await chain())).toMatchObject({
      ok: false,
      seq: 30,
      reason: 'record 30 is missing (found 31)',
    });
  });
});

describe('policy hot swap through Firestore', () => {
  it('activates a published version in running instances and refuses an invalid one', async () => {
    const source = new FirestorePolicySource(db);
    const holders = [
      new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
    ];
    const { logger, records } = captureLogs();
    const stops = holders.map((h) =>
      source.watch(
        (doc) => h.offer(doc, logger),
        () => undefined,
      ),
    );
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await source.publish({ ...DEFAULT_POLICY_SET, version: 'v2' });
    await until(() => holders.every((h) => h.engine.version === 'v2'));
    expect(holders.map((h) => h.engine.version)).toEqual(['v2', 'v2']);

    await source.publish({
      ...DEFAULT_POLICY_SET,
      version: 'v3-broken',
      files: { 'x.cedar': '@id("x") permit (principal, action, resource' },
    });
    await until(() => records.filter((r) => r.message.startsWith('policy set refused')).length === 2);
    expect(holders.map((h) => h.engine.version)).toEqual(['v2', 'v2']);
    stops.forEach((stop) => stop());
  });
});
