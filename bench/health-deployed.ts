import { once } from 'node:events';
import { readFileSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createFirestore } from '@backbone/shared/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import manifest from '../functions/health-aggregator/function';
import { bundleFunction } from '../scripts/local/bundle';
import { devKey, localAuthEnv } from '../scripts/local/dev-identity';
import { startFunction, waitUntilListening } from '../scripts/local/function-process';
import { fireScheduled } from '../scripts/local/scheduler';
import { latencies, registerEndpoints, ROUND_LABELS, startEndpoints } from './health-round';

/** The round after a redeploy, as the results table names it. */
export const REDEPLOY_LABEL = '5th: after a redeploy (a new process, states kept)';

export interface DeployedHealthResult {
  nodeOptions: string;
  /** The function's process after start, before its first round. */
  idleRssMb: number;
  rounds: { label: string; wallMs: number; peakRssMb: number; phases: string }[];
}

/** Resident set of a process now, from the kernel (`VmRSS`). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * The aggregator as deployed: its esbuild bundle under the Functions Framework in a process of its
 * own (no tsx, no benchmark code), fired by the local Cloud Scheduler with its OIDC token, its
 * memory read from /proc every 20 ms while each round runs.
 */
export async function benchHealthDeployed(options: {
  endpoints: number;
  poolSize: number;
  timeoutMs: number;
}): Promise<DeployedHealthResult> {
  const lat = latencies(options.endpoints);
  const endpoints = await startEndpoints(lat);
  const projectId = `demo-bench-deployed-${Date.now()}`;
  const db = createFirestore(projectId);
  const bundle = await bundleFunction(manifest);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const key = devKey(mkdtempSync(path.join(os.tmpdir(), 'bench-key-')));
  /** A process of the bundle; a new one is a redeploy (or a new instance). */
  const start = () =>
    startFunction(manifest, {
      port,
      bundleDir: bundle.dir,
      // Its manifest's Node options, not the benchmark's (startFunction applies them).
      env: {
        ...process.env,
        GOOGLE_CLOUD_PROJECT: projectId,
        GCLOUD_PROJECT: projectId,
        HEALTH_POOL_SIZE: String(options.poolSize),
        LOG_LEVEL: 'WARNING',
        ...localAuthEnv(key, url),
      },
      onLine: (line) => {
        if (/"severity":"(ERROR|CRITICAL)"/.test(line)) console.error(`[health-aggregator] ${line}`);
      },
    });
  let fn = start();
  try {
    await registerEndpoints(new FirestoreHealthStore(db), projectId, lat, endpoints.port, options.timeoutMs);
    await waitUntilListening(url);
    const idleRssMb = rssMb(fn.pid!);
    const rounds: DeployedHealthResult['rounds'] = [];
    const firstMinute = Math.ceil(Date.now() / 60_000) * 60_000;
    const fire = async (label: string, i: number) => {
      let peak = rssMb(fn.pid!);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(fn.pid!))), 20);
      const t = performance.now();
      const res = await fireScheduled(url, new Date(firstMinute + i * 60_000), key);
      const wallMs = performance.now() - t;
      clearInterval(sampler);
      if (res.status !== 200) throw new Error(`round answered ${res.status}: ${res.body}`);
      const report = JSON.parse(res.body) as {
        phasesMs?: { prepare: number; check: number; commit: number };
      };
      const p = report.phasesMs;
      return { label, wallMs, peakRssMb: peak, phases: p ? `${p.prepare} / ${p.check} / ${p.commit}` : '' };
    };
    for (const [i, label] of ROUND_LABELS.entries()) rounds.push(await fire(label, i));
    // A redeploy: a new process, the states and the last snapshot kept, so the round is
    // scheduled slowest first from the start.
    fn.kill('SIGTERM');
    await once(fn, 'exit');
    fn = start();
    await waitUntilListening(url);
    rounds.push(await fire(REDEPLOY_LABEL, ROUND_LABELS.length));
    return { nodeOptions: manifest.runtime.nodeOptions ?? '(none)', idleRssMb, rounds };
  } finally {
    fn.kill('SIGTERM');
    endpoints.child.kill();
    await db.terminate();
  }
}
