// `npm run drill:restore`: the backup and restore drill (000#49). Targets: RPO 15 minutes (Firestore
// point-in-time recovery, 7 days at minute granularity, and a daily scheduled backup kept 7 days),
// RTO 4 hours.
//
// On the emulators (the default): a drill project's state is written by the suite's own code,
// its invariants read (billing records, the registry, tenants, the audit chain), everything exported,
// the database wiped, the export restored, and the invariants read again: they must be identical.
// `--project <id>` drills an existing emulator project instead (stop the functions first: a drill
// wipes what it drills). `--production --project <id> [--backup <name>]` restores the newest
// scheduled backup into a scratch database in Google Cloud, reads the invariants there and deletes it.
import './local/text-modules';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFirestore } from '@backbone/shared/gcp';
import { exportDatabase, importDatabase, wipeDatabase, type ExportedDocument } from './drill/snapshot';
import { invariantsOf } from './drill/invariants';
import { productionDrill } from './drill/production';
import { seedDrillState } from './drill/seed';
import { ROOT } from './local/manifests';

const RTO_MS = 4 * 3_600_000;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function emulatorDrill(projectId: string, seed: boolean) {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('run it on the emulators: npm run drill:restore');
  const db = createFirestore(projectId);
  if (seed) await seedDrillState(db);
  const before = await invariantsOf(db);

  let t = performance.now();
  const docs = await exportDatabase(db);
  const dir = path.join(ROOT, '.backbone', 'drill');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${projectId}-${Date.now()}.ndjson`);
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const exportMs = performance.now() - t;

  await wipeDatabase(db);
  const left = (await db.listCollections()).length;
  if (left !== 0) throw new Error(`the wipe left ${left} collections`);

  t = performance.now();
  const restored = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportedDocument);
  await importDatabase(db, restored);
  const restoreMs = performance.now() - t;
  const after = await invariantsOf(db);
  await db.terminate();
  return { documents: docs.length, file, exportMs, restoreMs, before, after };
}

async function main() {
  if (process.argv.includes('--production')) {
    const project = arg('project');
    if (!project) throw new Error('--production needs --project <id>');
    const r = await productionDrill(project, arg('backup'));
    console.log(`restored ${r.backup} into ${r.databaseId} in ${(r.restoreMs / 60_000).toFixed(1)} min (RTO 240 min)`);
    console.log(JSON.stringify(r.invariants, null, 2));
    if (!r.invariants.audit.intact) process.exit(1);
    return;
  }
  const project = arg('project') ?? `demo-backbone-drill-${Date.now()}`;
  const r = await emulatorDrill(project, !arg('project'));
  const same = JSON.stringify(r.before) === JSON.stringify(r.after);
  const row = (name: string, b: unknown, a: unknown) =>
    `  ${name.padEnd(9)} ${JSON.stringify(b) === JSON.stringify(a) ? 'same' : 'DIFFERENT'}  ${JSON.stringify(a)}`;
  console.log(`restore drill on the emulators, project ${project}`);
  console.log(`  exported ${r.documents} documents in ${r.exportMs.toFixed(0)} ms -> ${path.relative(ROOT, r.file)}`);
  console.log(
    `  wiped, then restored in ${r.restoreMs.toFixed(0)} ms (${((100 * r.restoreMs) / RTO_MS).toFixed(4)}% of the 4 h RTO)`,
  );
  console.log(row('billing', r.before.billing, r.after.billing));
  console.log(row('registry', r.before.registry, r.after.registry));
  console.log(row('tenants', r.before.tenants, r.after.tenants));
  console.log(row('audit', r.before.audit, r.after.audit));
  const ok = same && r.after.audit.intact && r.after.billing.documents > 0 && r.after.audit.records > 0;
  console.log(ok ? 'drill passed: every invariant holds after the restore' : 'drill FAILED');
  if (!ok) process.exit(1);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
