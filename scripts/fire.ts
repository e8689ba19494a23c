// `npm run fire -- <name> [--follow]`: fires a scheduled function of the running suite now, as Cloud
// Scheduler would. `--follow` on scraping-scheduler prints the run's progress until it finishes.
import './local/text-modules';
import path from 'node:path';
import { loadManifests, ROOT } from './local/manifests';
import { devKey, userToken } from './local/dev-identity';
import { fireScheduled } from './local/scheduler';
import { runningEndpoints } from './local/endpoints';

async function main(): Promise<void> {
  const name = process.argv[2];
  const scheduled = loadManifests().filter((m) => m.trigger.kind === 'schedule');
  if (!name || !scheduled.some((m) => m.name === name)) {
    console.error(
      `usage: npm run fire -- <name> [--follow]   (scheduled functions: ${scheduled.map((m) => m.name).join(', ')})`,
    );
    process.exit(2);
  }
  const urls = runningEndpoints();
  const key = devKey(path.join(ROOT, '.backbone'));
  // The demo users sign in on the running suite's Auth emulator (for --follow).
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
  const { status, body } = await fireScheduled(urls[name]!, new Date(), key);
  console.log(`${name} -> ${status} ${body}`);
  if (status < 400 && name === 'scraping-scheduler' && process.argv.includes('--follow'))
    // Read as the demo platform admin (the policies let platform staff read runs).
    await followRun(
      urls['scraping-api']!,
      (JSON.parse(body) as { runId: string }).runId,
      await userToken('admin@platform.demo'),
    );
  process.exit(status < 400 ? 0 : 1);
}

/** The run's counts every second (GET /v1/scraping/runs/{id}) until it is finished. */
async function followRun(api: string, runId: string, token: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${api}/v1/scraping/runs/${runId}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) {
      console.error(`  ${res.status} ${await res.text()}`);
      return;
    }
    const run = (await res.json()) as { total: number; counts: Record<string, number>; status: string };
    // `requested` is waiting for the worker; every other outcome is settled.
    const done = run.total - (run.counts.requested ?? 0);
    const counts = Object.entries(run.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `  ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s  ${done}/${run.total} sources  ${counts}`,
    );
    if (run.status === 'finished') return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

void main();
