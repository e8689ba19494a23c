import { percentile } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { FirestoreTrialStore } from '@backbone/shared/governance/gcp';

export interface TrialRaceResult {
  callers: number;
  quota: number;
  admitted: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  /** The same race spread over four instances (four clients and stores), a quarter of the callers each. */
  fourInstances: { admitted: number; failed: number; p50Ms: number; p99Ms: number };
  /** The floor: the same number of callers each creating one document of its own. */
  floor: { p50Ms: number; p99Ms: number };
}

/** 200 concurrent trial runs for a 100-action quota, against the floor of 200 independent creates. */
export async function benchTrialRace(callers = 200, quota = 100): Promise<TrialRaceResult> {
  const projectId = `demo-bench-trial-${Date.now()}`;
  const db = createFirestore(projectId);
  const trials = new FirestoreTrialStore(db);
  await db.collection('warm').doc('up').set({ at: Date.now() });
  const timed = async <T>(n: number, fn: (k: number) => Promise<T>) => {
    const latencies: number[] = [];
    const results = await Promise.all(
      Array.from({ length: n }, async (_, k) => {
        const t = performance.now();
        try {
          return await fn(k);
        } finally {
          latencies.push(performance.now() - t);
        }
      }).map((p) => p.then((value) => ({ ok: true as const, value })).catch(() => ({ ok: false as const }))),
    );
    latencies.sort((a, b) => a - b);
    return { results, p50: percentile(latencies, 50)!, p99: percentile(latencies, 99)! };
  };
  const floor = await timed(callers, (k) => db.collection('floor').doc(`d-${k}`).create({ k }));
  const race = await timed(callers, () => trials.takeAction('bench', '2026-12-03', quota, Date.now() + 30_000));
  const clients = Array.from({ length: 4 }, () => createFirestore(projectId));
  const instances = clients.map((c) => new FirestoreTrialStore(c));
  await Promise.all(clients.map((c) => c.collection('warm').doc('up').get()));
  const spread = await timed(callers, (k) =>
    instances[k % 4]!.takeAction('bench4', '2026-12-03', quota, Date.now() + 30_000),
  );
  await Promise.all(clients.map((c) => c.terminate()));
  await db.terminate();
  return {
    fourInstances: {
      admitted: spread.results.filter((r) => r.ok && r.value.taken).length,
      failed: spread.results.filter((r) => !r.ok).length,
      p50Ms: spread.p50,
      p99Ms: spread.p99,
    },
    callers,
    quota,
    admitted: race.results.filter((r) => r.ok && r.value.taken).length,
    failed: race.results.filter((r) => !r.ok).length,
    p50Ms: race.p50,
    p99Ms: race.p99,
    floor: { p50Ms: floor.p50, p99Ms: floor.p99 },
  };
}
