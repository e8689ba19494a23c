import {
  createFirestore,
  DEFAULT_POLICY_SET,
  FirestoreAuditLog,
  FirestorePolicySource,
  PolicyEngine,
  PolicyHolder,
  readAuditChain,
  verifyChain,
  type AuditEntry,
} from '@backbone/shared';
import { captureLogs, uniqueProjectId } from '@backbone/shared/testing';

const db = createFirestore(uniqueProjectId());
afterAll(() => db.terminate());

async function chain(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of readAuditChain(db, 7)) entries.push(entry);
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
  it('appends 60 concurrent records as one contiguous, verifiable, masked chain', async () => {
    const log = new FirestoreAuditLog(db, { maxBatch: 25 });
    const appended = (
      await Promise.all(Array.from({ length: 60 }, (_, i) => log.append([record(i)])))
    ).flat();
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    const entries = await chain();
    expect(verifyChain(entries)).toEqual({ ok: true, count: 60 });
    expect(JSON.stringify(entries)).not.toContain('@example.com');
  });

  it('names the first tampered record', async () => {
    const tampered = db.collection('audit_log').doc(String(17).padStart(12, '0'));
    await tampered.update({ outcome: 'deny' });
    expect(verifyChain(await chain())).toEqual({
      ok: false,
      seq: 17,
      reason: 'its content does not match its hash',
    });
    await tampered.update({ outcome: 'allow' });
    await db.collection('audit_log').doc(String(30).padStart(12, '0')).delete();
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
