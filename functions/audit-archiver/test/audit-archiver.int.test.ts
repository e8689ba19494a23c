import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { batchName, type AuditEntry } from '@backbone/shared/audit';
import { FirestoreAuditTiles, GcsAuditArchive } from '@backbone/shared/audit/gcp';
import { captureLogs, invokeHttp, ManualClock } from '@backbone/shared/testing';
import { auditChainOnEmulators } from '../../audit-checkpoint/test/audit-chain-emulators';
import { makeHandler } from '../handler';

// The chain in the Firestore emulator, batches and checkpoints in the Storage emulator, and
// `npm run audit:verify` run on them as an operator would.
const { project, bucketName, db, bucket, audit, checkpoints, sequencer, appendRound, chain } = auditChainOnEmulators();
const archive = new GcsAuditArchive(bucket);
const tiles = new FirestoreAuditTiles(db);
const NOW = new Date();
const DAY = 86_400_000;
const handler = makeHandler({
  tiles,
  archive,
  checkpoints,
  audit,
  clock: new ManualClock(NOW),
  source: 'backbone/audit-archiver',
  logger: captureLogs('audit-archiver').logger,
});
const fire = async () => (await invokeHttp(handler, { method: 'POST', path: '/' })).json() as Record<string, number>;
/** One sequencer round of `n` records made `daysAgo` days ago (one tile a round). */
const round = (n: number, daysAgo: number) => appendRound(n, new Date(NOW.getTime() - daysAgo * DAY));
const sealHead = async () => {
  const head = await audit.head();
  await checkpoints.write({ seq: head.seq, hash: head.hash, at: NOW.toISOString(), source: 'test' });
};
const verify = () =>
  promisify(execFile)('npx', ['tsx', path.join(__dirname, '../../../scripts/audit-verify.ts')], {
    env: { ...process.env, GOOGLE_CLOUD_PROJECT: project, BUCKET_AUDIT_ARCHIVE: bucketName },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
  );

describe('audit-archiver (000#14)', () => {
  it('archives only old, checkpointed records in verified batches; the chain verifies across both stores', async () => {
    await round(3, 45);
    await round(2, 40);
    expect(await fire()).toEqual({ batches: 0, records: 0 }); // no checkpoint yet: nothing leaves
    await sealHead(); // covers records 1-5
    await round(2, 35); // old, but after the checkpoint: stays
    await round(1, 1); // recent: stays
    expect(await fire()).toEqual({ batches: 1, records: 5 });
    expect(await fire()).toEqual({ batches: 0, records: 0 });

    const [batch] = await archive.batches();
    expect(batch).toMatchObject({ firstSeq: 1, lastSeq: 5, count: 5, checkpoint: { seq: 5 } });
    const lines = (await archive.read(batch!)).toString('utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual([1, 2, 3, 4, 5]);
    const left = (await chain()).map((e) => e.seq);
    expect(left.slice(0, 3)).toEqual([6, 7, 8]);
    expect(await tiles.archivedThrough()).toEqual({ seq: 5, hash: batch!.lastHash });
    // The archiver's own record is in the chain too (appended after the batch).
    await sequencer.round();

    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/records \(5 in archived batches, \d+ in Firestore\), intact; matches 1 checkpoints/);

    // One changed byte in the archive is found by the verifier.
    const object = bucket.file(`${batchName(batch!)}.ndjson`);
    const [bytes] = await object.download();
    await object.save(Buffer.from(bytes.toString('utf8').replace('"u1"', '"u9"')), { resumable: false });
    const tampered = await verify();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('bytes do not match its manifest');
  }, 60_000);
});
