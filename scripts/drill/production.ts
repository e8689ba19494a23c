import { GoogleAuth } from 'google-auth-library';
import { createFirestore } from '@backbone/shared/gcp';
import { invariantsOf, type Invariants } from './invariants';

const API = 'https://firestore.googleapis.com/v1';

/**
 * Production: the newest scheduled backup of `(default)` (or the one named) is restored into a
 * scratch database `drill-<time>` (the Firestore Admin API's restore, a long-running operation),
 * the suite's invariants are read there, and the scratch database is deleted. Runs as the
 * `restore-drill` service account the infrastructure creates (README: Backup and restore).
 */
export async function productionDrill(projectId: string, backupName?: string) {
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/datastore'] });
  const client = await auth.getClient();
  const call = async <T>(method: string, url: string, body?: unknown) =>
    (await client.request<T>({ method: method as 'GET', url, ...(body ? { data: body } : {}) })).data;

  const backup =
    backupName ??
    (
      await call<{ backups?: { name: string; database: string; snapshotTime: string; state: string }[] }>(
        'GET',
        `${API}/projects/${projectId}/locations/-/backups`,
      )
    ).backups
      ?.filter((b) => b.database.endsWith('/databases/(default)') && b.state === 'READY')
      .sort((a, b) => (a.snapshotTime < b.snapshotTime ? 1 : -1))[0]?.name;
  if (!backup) throw new Error(`no READY backup of (default) in ${projectId}`);
  const databaseId = `drill-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '').toLowerCase()}`;
  const started = performance.now();
  let op = await call<{ name: string; done?: boolean; error?: { message: string } }>(
    'POST',
    `${API}/projects/${projectId}/databases:restore`,
    { databaseId, backup },
  );
  while (!op.done) {
    await new Promise((r) => setTimeout(r, 10_000));
    op = await call('GET', `${API}/${op.name}`);
  }
  if (op.error) throw new Error(`restore of ${backup} failed: ${op.error.message}`);
  const restoreMs = performance.now() - started;
  const db = createFirestore(projectId, databaseId);
  let invariants: Invariants;
  try {
    invariants = await invariantsOf(db);
  } finally {
    await db.terminate();
    await call('DELETE', `${API}/projects/${projectId}/databases/${databaseId}`);
  }
  return { backup, databaseId, restoreMs, invariants };
}
