// `npm run fire -- <name>`: fires a scheduled function of the running suite now, as Cloud Scheduler would.
import './local/text-modules';
import path from 'node:path';
import { loadManifests, ROOT } from './local/manifests';
import { devKey } from './local/dev-identity';
import { fireScheduled } from './local/scheduler';
import { runningEndpoints } from './local/endpoints';

async function main(): Promise<void> {
  const name = process.argv[2];
  const scheduled = loadManifests().filter((m) => m.trigger.kind === 'schedule');
  if (!name || !scheduled.some((m) => m.name === name)) {
    console.error(`usage: npm run fire -- <name>   (scheduled functions: ${scheduled.map((m) => m.name).join(', ')})`);
    process.exit(2);
  }
  const urls = runningEndpoints();
  const { status, body } = await fireScheduled(urls[name]!, new Date(), devKey(path.join(ROOT, '.backbone')));
  console.log(`${name} -> ${status} ${body}`);
  process.exit(status < 400 ? 0 : 1);
}

void main();
