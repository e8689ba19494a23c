// `npm run audit:verify`: walks the audit chain across the archive and Firestore (the sealed
// batches in the audit archive bucket, each checked against its manifest, then the tiles still in
// Firestore) and reports the first tampered or missing record, checks it is as long as the head
// says and that nothing appended waits past the sequencer's bound, then checks the chain against
// the checkpoints sealed in the audit archive bucket.
// Reads the project in GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT) and the bucket in
// BUCKET_AUDIT_ARCHIVE (default `<project>-audit-archive`); with the emulator env set
// (`eval "$(./emulators.sh env)"` while `npm start` runs), the emulators'.
import './local/text-modules';
import { Storage } from '@google-cloud/storage';
import type { Firestore, Timestamp } from '@google-cloud/firestore';
import { createFirestore } from '@backbone/shared/gcp';
import { openBatch, verifyChain, verifyCheckpoints, type AuditEntry } from '@backbone/shared/audit';
import {
  auditCollections,
  FirestoreAuditLog,
  FirestoreAuditTiles,
  GcsAuditArchive,
  GcsCheckpointStore,
  readAuditChain,
} from '@backbone/shared/audit/gcp';

async function main(): Promise<void> {
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? 'demo-backbone';
  const bucketName = process.env.BUCKET_AUDIT_ARCHIVE ?? `${projectId}-audit-archive`;
  const db = createFirestore(projectId);
  const entries: AuditEntry[] = [];
  // The archived part first: every batch's bytes against its manifest, its records rehashed.
  const archive = GcsAuditArchive.forBucket(projectId, bucketName);
  let archived = 0;
  for (const batch of await archive.batches()) {
    try {
      entries.push(...openBatch(batch, await archive.read(batch)));
    } catch (error) {
      console.error(`audit chain of ${projectId}: ${(error as Error).message} (gs://${bucketName})`);
      process.exit(1);
    }
    archived += batch.count;
  }
  const through = await new FirestoreAuditTiles(db).archivedThrough();
  if (through.seq !== (entries.at(-1)?.seq ?? 0)) {
    console.error(
      `audit chain of ${projectId}: Firestore says records up to ${through.seq} were archived, the archive ends at ${entries.at(-1)?.seq ?? 0}`,
    );
    process.exit(1);
  }
  for await (const entry of readAuditChain(db)) entries.push(entry);
  const head = await new FirestoreAuditLog(db).head();
  const backlog = await integrationBacklog(db);
  await db.terminate();
  const chain = verifyChain(entries);
  if (!chain.ok) {
    console.error(`audit chain of ${projectId}: record ${chain.seq}: ${chain.reason}`);
    process.exit(1);
  }
  // A chain cut after its last tile verifies on its own: the head says how long it is.
  if (chain.count !== head.seq) {
    console.error(`audit chain of ${projectId}: the head names record ${head.seq}, the chain ends at ${chain.count}`);
    process.exit(1);
  }
  if (backlog.overdue > 0) {
    console.error(
      `audit chain of ${projectId}: ${backlog.overdue} appended records were not integrated within ${OVERDUE_MS / 1000} s (oldest waits ${Math.round(backlog.oldestMs / 1000)} s): is audit-sequencer running?`,
    );
    process.exit(1);
  }
  const checkpoints = await new GcsCheckpointStore(new Storage({ projectId }).bucket(bucketName)).list();
  const sealed = verifyCheckpoints(entries, checkpoints);
  if (!sealed.ok) {
    console.error(`audit chain of ${projectId}: ${sealed.reason} (gs://${bucketName})`);
    process.exit(1);
  }
  console.log(
    `audit chain of ${projectId}: ${chain.count} records (${archived} in archived batches, ${chain.count - archived} in Firestore), intact; matches ${sealed.checked} checkpoints in gs://${bucketName}; ` +
      `${backlog.waiting} records waiting for integration (oldest ${Math.round(backlog.oldestMs / 1000)} s)`,
  );
}

/** Settled intake older than this was never integrated: the sequencer is down or failing. */
const OVERDUE_MS = 5 * 60_000;

async function integrationBacklog(db: Firestore): Promise<{ waiting: number; overdue: number; oldestMs: number }> {
  const snap = await db.collection(auditCollections.intake).where('state', '==', 'settled').get();
  const now = Date.now();
  const ages = snap.docs.map((d) => now - (d.get('receivedAt') as Timestamp).toMillis());
  return {
    waiting: ages.length,
    overdue: ages.filter((a) => a > OVERDUE_MS).length,
    oldestMs: ages.length ? Math.max(...ages) : 0,
  };
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
