// `npm start`: the whole suite on this machine, offline. Emulators, every function on its own
// port under the Functions Framework, topics and push subscriptions from the manifests, a local
// scheduler, demo data, and the endpoint table (also in .backbone/endpoints.json). Ctrl-C stops
// everything it started.
import './local/text-modules';
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FunctionManifest } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { startStripeRecorder } from '@backbone/shared/testing';
import { bucketEnv } from './local/buckets';
import { localArchiveEnv } from './local/archive-keys';
import { formatLogLine } from './local/log-lines';
import { seedDemoWorkspaces } from './local/demo-workspaces';
import {
  DEMO_PLAN_PRICES,
  DEMO_PLAN_SERVICES,
  demoStripeCustomers,
  LOCAL_WEBHOOK_SECRET,
  localStripeEnv,
} from './local/demo-billing';
import { seedCorpus } from './local/demo-corpus';
import { DEMO_PLAN_AGENTS, seedDemoAgents } from './local/demo-agents';
import { registerDemoDevice, replayDemoRun, setDemoBudget } from './local/demo-run';
import { startGenesisStandIn } from './local/genesis-stand-in';

/** The secret the local Genesis stand-in and the functions sign certification traffic with. */
const LOCAL_GENESIS_SECRET = 'genesis_local_backbone_demo_secret';
/** What budget-alerts signs tenants' webhooks with locally (Secret Manager in production). */
/** `npm start -- --json`: the functions' records as they write them, not as readable lines. */
const JSON_LOGS = process.argv.includes('--json');
const LOCAL_BUDGET_WEBHOOK_SECRET = 'budget_local_backbone_demo_secret';
import { seedKnowledgeSources, startKnowledgeSite } from './local/demo-knowledge';
import { bundleFunction } from './local/bundle';
import { registryFor, seedGovernance, seedRegistry, seedTenants, startDemoPlatform } from './local/demo-data';
import { startFunction, waitUntilListening } from './local/function-process';
import { loadManifests, ROOT } from './local/manifests';
import { wirePubSub } from './local/pubsub-wiring';
import { fireScheduled, startScheduler } from './local/scheduler';
import { DEMO_PASSWORD, DEMO_USERS, devKey, localAuthEnv, seedDemoUsers } from './local/dev-identity';
import { EXAMPLES } from './local/examples';

/** Local instances of a function beyond the first (at most its maxInstances). */
const LOCAL_INSTANCES: Record<string, number> = { 'scraping-worker': 2 };

/** How long `npm start` waits for the first round of each scheduled job. */
const FIRST_ROUND_WAIT_MS = 20_000;

const PROJECT = process.env.BACKBONE_PROJECT_ID ?? 'demo-backbone';
const BASE_PORT = Number(process.env.BACKBONE_BASE_PORT ?? 8100);
const STATE_DIR = path.join(ROOT, '.backbone');
const EMULATORS = path.join(ROOT, 'emulators.sh');

const say = (line: string) => console.log(line);

function emulatorEnv(): Record<string, string> {
  const out = execFileSync(EMULATORS, ['env'], { encoding: 'utf8' });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

function emulatorsRunning(): boolean {
  try {
    execFileSync(EMULATORS, ['status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping...');
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch((e) => say(`cleanup failed: ${e}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // Each stage with the time since the start, so a slow one shows where it is slow.
  const began = performance.now();
  const stageAt = (what: string) => say(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${what}`);
  try {
    const manifests = loadManifests();
    stageAt(`building ${manifests.length} functions...`);
    const bundles = Object.fromEntries(
      await Promise.all(manifests.map(async (m) => [m.name, (await bundleFunction(m)).dir] as const)),
    );

    if (!emulatorsRunning()) {
      stageAt('starting emulators (./emulators.sh start)...');
      execFileSync(EMULATORS, ['start'], {
        stdio: 'inherit',
        env: { ...process.env, BACKBONE_PROJECT_ID: PROJECT },
      });
      cleanups.push(() => {
        execFileSync(EMULATORS, ['stop'], { stdio: 'inherit' });
      });
    } else {
      say('emulators already running: reusing them');
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...emulatorEnv(),
      GOOGLE_CLOUD_PROJECT: PROJECT,
      GCLOUD_PROJECT: PROJECT,
      ...bucketEnv(manifests, PROJECT),
      // Spans are made and propagated (logs and messages carry the trace) but not exported offline.
      TRACE_EXPORTER: process.env.TRACE_EXPORTER === 'console' ? 'console' : 'none',
      // The demo knowledge site is on loopback, which production refuses (SSRF protection).
      SCRAPE_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    };
    Object.assign(process.env, env);

    const platform = await startDemoPlatform();
    cleanups.push(() => platform.close());
    // A local stand-in for api.stripe.com knowing the demo tenants' customers.
    const stripeStandIn = await startStripeRecorder(demoStripeCustomers());
    cleanups.push(() => stripeStandIn.close());
    const stripeEnv = localStripeEnv(process.env, `http://127.0.0.1:${stripeStandIn.endpoint.port}`);
    Object.assign(env, stripeEnv);
    if (!stripeEnv.STRIPE_API_ENDPOINT)
      say("stripe: STRIPE_API_KEY is a test-mode key: the suite calls Stripe's test API");
    // A local stand-in for Genesis, the certification service, speaking its signed contract.
    const genesis = await startGenesisStandIn(LOCAL_GENESIS_SECRET, say);
    cleanups.push(() => genesis.close());
    Object.assign(env, {
      GENESIS_URL: genesis.url,
      GENESIS_SIGNING_SECRET: LOCAL_GENESIS_SECRET,
      BUDGET_WEBHOOK_SECRET: LOCAL_BUDGET_WEBHOOK_SECRET,
      // FCM and SendGrid cannot be reached offline: pushes and e-mails (approvals, customer notices) are logged instead.
      PUSH_SENDER: 'log',
      EMAIL_SENDER: 'log',
    });
    const knowledgeSite = await startKnowledgeSite();
    cleanups.push(() => knowledgeSite.close());

    const urls: Record<string, string> = {};
    manifests.forEach((m, i) => (urls[m.name] = `http://127.0.0.1:${BASE_PORT + i}`));
    const key = devKey(STATE_DIR);
    stageAt(`starting ${manifests.length} functions...`);
    const children: ChildProcess[] = [];
    cleanups.push(() => children.forEach((c) => c.kill('SIGTERM')));
    for (const [i, m] of manifests.entries()) {
      const child = startFunction(m, {
        port: BASE_PORT + i,
        bundleDir: bundles[m.name]!,
        env: {
          ...env,
          PLAN_SERVICES: JSON.stringify(DEMO_PLAN_SERVICES),
          PLAN_PRICES: JSON.stringify(DEMO_PLAN_PRICES),
          PLAN_AGENTS: JSON.stringify(DEMO_PLAN_AGENTS),
          ...localAuthEnv(key, urls[m.name]!),
          ...localArchiveEnv(STATE_DIR, key),
          PUBLIC_BASE_URL: urls.workspaces!,
          GENESIS_CALLBACK_URL: `${urls.agents}/v1/genesis/callbacks`,
        },
        onLine: (l) => say(JSON_LOGS ? `[${m.name}] ${l}` : formatLogLine(m.name, l)),
      });
      child.on('exit', (code) => !stopping && say(`[${m.name}] exited with ${code}`));
      children.push(child);
    }
    // Extra local instances where a cross-instance guarantee is the point (the scraping worker's
    // per-host gate), after the port table: the push relay spreads deliveries over them.
    const instances: Record<string, string[]> = Object.fromEntries(manifests.map((m) => [m.name, [urls[m.name]!]]));
    let nextPort = BASE_PORT + manifests.length;
    for (const m of manifests)
      for (let k = 1; k < Math.min(LOCAL_INSTANCES[m.name] ?? 1, m.runtime.maxInstances); k++) {
        const port = nextPort++;
        const url = `http://127.0.0.1:${port}`;
        const child = startFunction(m, {
          port,
          bundleDir: bundles[m.name]!,
          env: {
            ...env,
            PLAN_SERVICES: JSON.stringify(DEMO_PLAN_SERVICES),
            PLAN_PRICES: JSON.stringify(DEMO_PLAN_PRICES),
            ...localAuthEnv(key, url),
          },
          onLine: (l) => say(JSON_LOGS ? `[${m.name}#${k + 1}] ${l}` : formatLogLine(`${m.name}#${k + 1}`, l)),
        });
        child.on('exit', (code) => !stopping && say(`[${m.name}#${k + 1}] exited with ${code}`));
        children.push(child);
        instances[m.name]!.push(url);
      }
    await Promise.all(
      Object.values(instances)
        .flat()
        .map((url) => waitUntilListening(url)),
    );
    stageAt(`${Object.values(instances).flat().length} function processes listening; wiring Pub/Sub...`);

    const wiring = await wirePubSub({
      emulatorHost: env.PUBSUB_EMULATOR_HOST!,
      projectId: PROJECT,
      manifests,
      urls: instances,
      onError: say,
    });
    cleanups.push(() => wiring.stop());
    stageAt('seeding demo data (registry, tenants, corpus, users, agents, a run, devices, budget, workspaces)...');
    const db = createFirestore(PROJECT);
    await seedRegistry(db, registryFor('http://127.0.0.1', manifests, urls));
    await seedTenants(db);
    await seedGovernance(db);
    await seedKnowledgeSources(db, knowledgeSite.origin);
    await seedCorpus(db, PROJECT);
    await seedDemoUsers(PROJECT, db, urls['governance-api']!);
    await seedDemoAgents(urls.agents!);
    await replayDemoRun(urls['run-logs']!, key);
    await registerDemoDevice(urls.approvals!);
    await setDemoBudget(urls['run-stats']!);
    await seedDemoWorkspaces(PROJECT);

    stageAt('first round of every scheduled job...');
    const scheduler = startScheduler(manifests, urls, key, say);
    cleanups.push(() => scheduler.stop());
    // A first round of every job now, so the status page has something to show before the first
    // minute. A job that runs on longer (the audit sequencer integrates for most of its minute)
    // goes on in the background once FIRST_ROUND_WAIT_MS has passed.
    await Promise.all(
      manifests
        .filter((m) => m.trigger.kind === 'schedule')
        .map((m) =>
          Promise.race([
            fireScheduled(urls[m.name]!, new Date(), key).catch(() => undefined),
            new Promise((resolve) => setTimeout(resolve, FIRST_ROUND_WAIT_MS)),
          ]),
        ),
    );

    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(path.join(STATE_DIR, 'endpoints.json'), `${JSON.stringify(urls, null, 2)}\n`);
    writeFileSync(path.join(STATE_DIR, 'genesis.json'), `${JSON.stringify({ url: genesis.url })}\n`);
    stageAt('ready');
    printTable(manifests, urls, env, wiring);
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

function printTable(
  manifests: FunctionManifest[],
  urls: Record<string, string>,
  env: NodeJS.ProcessEnv,
  wiring: { topics: string[]; subscriptions: string[] },
): void {
  const trigger = (m: FunctionManifest) =>
    m.trigger.kind === 'http'
      ? m.trigger.routes.map((r) => `${r.method} ${r.path}`).join(', ')
      : m.trigger.kind === 'pubsub'
        ? `Pub/Sub ${m.trigger.topic} (push, up to ${m.runtime.concurrency * m.runtime.maxInstances} in flight over ${Math.min(LOCAL_INSTANCES[m.name] ?? 1, m.runtime.maxInstances)} local instance(s))`
        : `schedule "${m.trigger.cron}" ${m.trigger.timeZone}`;
  say('\nBackbone is up (project ' + PROJECT + ')\n');
  say(`${'function'.padEnd(20)} ${'url'.padEnd(24)} trigger`);
  for (const m of manifests) say(`${m.name.padEnd(20)} ${urls[m.name]!.padEnd(24)} ${trigger(m)}`);
  const api = urls['health-api'];
  if (api)
    say(`\nstatus page:   ${api}/status\nsummary:       ${api}/v1/health/summary\nmetrics:       ${api}/metrics`);
  say(
    `\nemulators:     Firestore ${env.FIRESTORE_EMULATOR_HOST}, Pub/Sub ${env.PUBSUB_EMULATOR_HOST}, Auth ${env.FIREBASE_AUTH_EMULATOR_HOST}, Storage ${env.STORAGE_EMULATOR_HOST}`,
  );
  say(`topics:        ${wiring.topics.join(', ')}\nsubscriptions: ${wiring.subscriptions.join(', ')}`);
  say(`demo platform: 13 services on 127.0.0.1:8001-8013; knowledge site on 127.0.0.1:8020`);
  say(
    `demo users:    ${DEMO_USERS.map((u) => u.email).join(', ')} (password ${DEMO_PASSWORD})\n` +
      `tokens:        npm run token -- user owner@acme.demo   |   npm run token -- service pep-check`,
  );
  say(`scraping:      npm run fire -- scraping-scheduler, then npm run try -- failing-sources`);
  const webhook = urls['stripe-webhook'];
  if (webhook)
    say(
      `stripe:        signing secret ${LOCAL_WEBHOOK_SECRET}; send a signed demo event: npm run stripe:send -- customer.subscription.created`,
    );
  // The examples go through the typed clients generated from the OpenAPI documents (openapi/).
  say('\nexamples (typed OpenAPI clients; each answer checked against its contract):');
  for (const [name, { what }] of Object.entries(EXAMPLES)) say(`  npm run try -- ${name.padEnd(16)} ${what}`);
  const pep = urls['pep-check'];
  if (pep)
    say(
      `raw HTTP:  curl -s -X POST ${pep}/v1/pep/decide -H "authorization: Bearer $(npm run -s token -- service pep-check)" \\\n` +
        `        -H 'content-type: application/json' -d '{"principal":{"type":"User","id":"u1","portal":"PP","tenant":"platform","roles":["auditor"]},"action":"view","resource":{"type":"Component","id":"agents"}}'`,
    );
  say(
    `archives:      npm run stripe:send -- customer.subscription.deleted globex (globex cancels: its workspaces are packed, encrypted and archived), then npm run try -- archives and npm run try -- download-archive (the link downloads the decrypted tar.gz)`,
  );
  say(
    `approvals:     npm run try -- ask-delete (acme's owner asks; the PEP answers approval_required), then npm run try -- approvals (the Governor's inbox) and npm run try -- approve; deadlines: npm run fire -- approvals-sweeper`,
  );
  const feed = urls['activity-feed'];
  if (feed)
    say(
      `live activity: curl -N ${feed}/v1/stream/activity -H "authorization: Bearer $(npm run -s token -- user owner@acme.demo)"`,
    );
  say(
    `\nendpoints as JSON: .backbone/endpoints.json   fire a schedule now: npm run fire -- health-aggregator   stop: Ctrl-C\n`,
  );
}

void main();
