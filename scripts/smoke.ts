// `npm run smoke -- <env>`: after a deploy, one real call per function of an environment, through
// its load balancer (https://<domain>), signed as the platform service that may make it.
// Needs gcloud, logged in as an operator allowed to impersonate the platform services
// (roles/iam.serviceAccountTokenCreator on them).
import './local/text-modules';
import { execFileSync } from 'node:child_process';
import { environments } from '../infra-cdktf/environments';
import { loadManifests } from './local/manifests';
import { smokePlan } from './smoke/plan';

async function main() {
  const name = process.argv[2];
  const env = environments.find((e) => e.name === name);
  if (!env) throw new Error(`usage: npm run smoke -- <${environments.map((e) => e.name).join('|')}>`);
  const projectNumber = gcloud(['projects', 'describe', env.projectId, '--format=value(projectNumber)']).trim();
  let failed = 0;
  for (const check of smokePlan(loadManifests(), env)) {
    try {
      if (check.kind === 'gcloud') {
        gcloud(check.args);
        console.log(`ok    ${check.fn}: ${check.what}`);
        continue;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (check.as) {
        const service = env.platformServices.find((s) => s.name === check.as)!;
        const audience = `https://${check.fn}-${projectNumber}.${env.region}.run.app`;
        const token = gcloud([
          'auth',
          'print-identity-token',
          `--impersonate-service-account=${service.serviceAccount}`,
          `--audiences=${audience}`,
          '--include-email',
        ]).trim();
        headers.authorization = `Bearer ${token}`;
      }
      const res = await fetch(`https://${env.domain}${check.path}`, {
        method: check.method,
        headers,
        ...(check.body !== undefined ? { body: JSON.stringify(check.body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== check.expectStatus) throw new Error(`${res.status} (wanted ${check.expectStatus})`);
      console.log(`ok    ${check.fn}: ${check.method} ${check.path} -> ${res.status}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL  ${check.fn}: ${(error as Error).message}`);
    }
  }
  if (failed > 0) throw new Error(`${failed} smoke checks failed`);
}

function gcloud(args: string[]): string {
  return execFileSync('gcloud', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
