import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createLogger, mapWithConcurrency, systemClock } from '@backbone/shared/core';
import { createFirestore, PubSubEventPublisher } from '@backbone/shared/gcp';
import { ServiceDefinitionSchema, type HealthStore, type ServiceDefinition } from '@backbone/shared/health';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import { HttpHealthProber } from '../functions/health-aggregator/adapters/http-health-prober';
import { ensureTopic, recordWrites, writesRecorded } from '@backbone/shared/testing';
import { runRound } from '../functions/health-aggregator/service';

export interface HealthRoundResult {
  endpoints: number;
  neverAnswer: number;
  poolSize: number;
  timeoutMs: number;
  idealMs: number;
  probeOnlyMs: number;
  rounds: { label: string; wallMs: number; writes: number; phases: string }[];
}

/** Deterministic spread of latencies (20-500 ms) with 5% that never answer. */
export function latencies(n: number): number[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => (i % 20 === 7 ? -1 : Math.round(20 + random() * 480)));
}

/** The best any pool of `pool` workers can do: total busy time spread evenly, and no less than the longest check. */
export function idealBoundMs(lat: number[], pool: number, timeoutMs: number): number {
  const busy = lat.map((l) => (l < 0 ? timeoutMs : Math.min(l, timeoutMs)));
  return Math.max(busy.reduce((a, b) => a + b, 0) / pool, Math.max(...busy));
}

/** The loopback endpoints in a child process (their latencies in `lat`, negative: never answers). */
export async function startEndpoints(lat: number[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'endpoints-server.ts'), JSON.stringify(lat)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  return { child, port };
}

/** One registry entry per endpoint, and the events topic, in `projectId`. */
export async function registerEndpoints(
  store: HealthStore,
  projectId: string,
  lat: number[],
  port: number,
  timeoutMs: number,
): Promise<ServiceDefinition[]> {
  const services = lat.map((_, i) =>
    ServiceDefinitionSchema.parse({
      id: `svc-${i}`,
      name: `Service ${i}`,
      url: `http://127.0.0.1:${port}/e/${i}`,
      timeoutMs,
      degradedAfterMs: timeoutMs,
    }),
  );
  await mapWithConcurrency(services, 50, (s) => store.putService(s));
  await ensureTopic(projectId, 'health-events');
  return services;
}

export const ROUND_LABELS = [
  '1st: every state new',
  '2nd: 50 silent services degraded',
  '3rd: 50 down, 50 incidents opened',
  '4th: steady state',
];

export async function benchHealthRound(options: {
  endpoints: number;
  poolSize: number;
  timeoutMs: number;
}): Promise<HealthRoundResult> {
  const lat = latencies(options.endpoints);
  const { child, port } = await startEndpoints(lat);
  try {
    const projectId = `demo-bench-${Date.now()}`;
    const db = createFirestore(projectId);
    const base = new FirestoreHealthStore(db);
    const services = await registerEndpoints(base, projectId, lat, port, options.timeoutMs);

    // Baseline measured in the same run: the same checks through the same pool, nothing stored.
    const prober = new HttpHealthProber();
    let t = performance.now();
    await mapWithConcurrency(services, options.poolSize, (s) => prober.probe(s));
    const probeOnlyMs = performance.now() - t;

    recordWrites(); // every committed document write, counted per round
    const deps = {
      store: base,
      prober,
      publisher: PubSubEventPublisher.forProject(projectId),
      clock: systemClock,
      log: createLogger({ service: 'bench', level: 'ERROR' }),
      thresholds: { downAfter: 3, degradedAfter: 2, recoverAfter: 2 },
      poolSize: options.poolSize,
      retentionDays: 7,
      leaseMs: 120_000,
      source: 'backbone/bench',
    };
    const rounds: HealthRoundResult['rounds'] = [];
    for (const label of ROUND_LABELS) {
      const writesBefore = writesRecorded();
      t = performance.now();
      const report = await runRound(deps, `bench-${rounds.length}`);
      const wallMs = performance.now() - t;
      const phases = report.skipped
        ? ''
        : `${report.phasesMs.prepare} / ${report.phasesMs.check} / ${report.phasesMs.commit}`;
      rounds.push({ label, wallMs, writes: writesRecorded() - writesBefore, phases });
    }
    await db.terminate();
    return {
      endpoints: options.endpoints,
      neverAnswer: lat.filter((l) => l < 0).length,
      poolSize: options.poolSize,
      timeoutMs: options.timeoutMs,
      idealMs: idealBoundMs(lat, options.poolSize, options.timeoutMs),
      probeOnlyMs,
      rounds,
    };
  } finally {
    child.kill();
  }
}
