// `npm run dead-letters [-- --limit 50]`: the operator's one view of what did not go through (README
// "Dead letters"). Reads the project in GOOGLE_CLOUD_PROJECT (default demo-backbone); with the
// emulator env set (`eval "$(./emulators.sh env)"` while `npm start` runs), the emulators'.
import './local/text-modules';
import { createFirestore } from '@backbone/shared/gcp';
import { collectDeadLetters } from './local/dead-letter-view';
import { loadManifests } from './local/manifests';

async function main(argv: string[]): Promise<void> {
  const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? 'demo-backbone';
  const limitFlag = argv.indexOf('--limit');
  const limit = limitFlag >= 0 ? Math.min(Math.max(Number(argv[limitFlag + 1]) || 50, 1), 1000) : 50;
  const db = createFirestore(projectId);
  const { rows, unreadable } = await collectDeadLetters({ db, projectId, manifests: loadManifests(), limit });
  await db.terminate();
  console.log(`dead letters of ${projectId}: ${rows.length}`);
  for (const row of rows)
    console.log(`${row.at}  ${row.kind.padEnd(9)}  ${row.function.padEnd(22)}  ${row.where}/${row.id}  ${row.reason}`);
  for (const line of unreadable) console.log(`not read: ${line}`);
}

void main(process.argv.slice(2));
