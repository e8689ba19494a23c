// `npm run audit:verify`: walks the audit chain and reports the first tampered or missing record,
// then checks the chain against the checkpoints sealed in the audit archive bucket.
// Reads the project in GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT) and the bucket in
// BUCKET_AUDIT_ARCHIVE (default `<project>-audit-archive`); with the emulator env set
// (`eval "$(./emulators.sh env)"` while `npm start` runs), the emulators'.
import './local/text-modules';
import { Storage } from '@google-cloud/storage';
import {
  createFirestore,
  GcsCheckpointStore,
  readAuditChain,
  verifyChain,
  verifyCheckpoints,
  type AuditEntry,
} from '@backbone/shared';

async function main(): Promise<void> {
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? 'demo-backbone';
  const bucketName = process.env.BUCKET_AUDIT_ARCHIVE ?? `${projectId}-audit-archive`;
  const db = createFirestore(projectId);
  const entries: AuditEntry[] = [];
  for await (const entry of readAuditChain(db)) entries.push(entry);
  await db.terminate();
  const chain = verifyChain(entries);
  if (!chain.ok) {
    console.error(`audit chain of ${projectId}: record ${chain.seq}: ${chain.reason}`);
    process.exit(1);
  }
  const checkpoints = await new GcsCheckpointStore(new Storage({ projectId }).bucket(bucketName)).list();
  const sealed = verifyCheckpoints(entries, checkpoints);
  if (!sealed.ok) {
    console.error(`audit chain of ${projectId}: ${sealed.reason} (gs://${bucketName})`);
    process.exit(1);
  }
  console.log(
    `audit chain of ${projectId}: ${chain.count} records, intact; matches ${sealed.checked} checkpoints in gs://${bucketName}`,
  );
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
