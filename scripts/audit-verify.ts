// `npm run audit:verify`: walks the audit chain and reports the first tampered or missing record.
// Reads the project in GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT); with FIRESTORE_EMULATOR_HOST set,
// the emulator's (e.g. `eval "$(./emulators.sh env)"` while `npm start` runs).
import './local/text-modules';
import { createFirestore, readAuditChain, verifyChain, type AuditEntry } from '@backbone/shared';

async function main(): Promise<void> {
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? 'demo-backbone';
  const db = createFirestore(projectId);
  const entries: AuditEntry[] = [];
  for await (const entry of readAuditChain(db)) entries.push(entry);
  const result = verifyChain(entries);
  await db.terminate();
  if (result.ok) {
    console.log(`audit chain of ${projectId}: ${result.count} records, intact`);
    return;
  }
  console.error(`audit chain of ${projectId}: record ${result.seq}: ${result.reason}`);
  process.exit(1);
}

void main();
