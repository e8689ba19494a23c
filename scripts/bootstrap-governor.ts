// `npm run bootstrap:governor -- <env> <email>`: after the first deploy, makes <email> the Platform
// Governor of an environment (the only role the members API cannot grant, since granting needs a
// governor). Runs as the operator's Application Default Credentials (gcloud auth
// application-default login), which need roles/firebaseauth.admin and roles/datastore.user.
// The governor then signs in through the portal's e-mail flow and invites everyone else.
import './local/text-modules';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { createFirestore } from '@backbone/shared/gcp';
import { environments } from '../infra-cdktf/environments';
import { makeFirstGovernor } from './admin/first-governor';

async function main() {
  const [name, email] = process.argv.slice(2);
  const env = environments.find((e) => e.name === name);
  if (!env || !email || !email.includes('@'))
    throw new Error(`usage: npm run bootstrap:governor -- <${environments.map((e) => e.name).join('|')}> <email>`);
  const app = getApps()[0] ?? initializeApp({ projectId: env.projectId });
  const db = createFirestore(env.projectId);
  const { member, created } = await makeFirstGovernor(getAuth(app), db, email);
  console.log(`${created ? 'made' : 'kept'} ${member.uid} Platform Governor of ${env.name} (${env.projectId})`);
  await db.terminate();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
