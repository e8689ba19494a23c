import {
  percentile,
  COMPONENTS,
  PLATFORM_ROLES,
  createLogger,
  mapWithConcurrency,
  respond,
  createHttpHandler,
  systemClock,
} from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import {
  DEFAULT_POLICY_SET,
  DecisionRequestSchema,
  entitySlice,
  PolicyHolder,
  PolicyEngine,
  type DecisionRequest,
} from '@backbone/shared/policy';
import { FirestoreAuditLog, FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';
import { serveHttp, RecordingEventPublisher } from '@backbone/shared/testing';
import { firestorePepDeps } from '../functions/pep-check/adapters/firestore-pep-deps';
import { makeHandler } from '../functions/pep-check/handler';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cedar = require('@cedar-policy/cedar-wasm/nodejs') as typeof import('@cedar-policy/cedar-wasm/nodejs');

export interface PepResult {
  requests: number;
  engine: { p50: number; p99: number };
  bare: { p50: number; p99: number };
  http: {
    decisionsPerSecond: number;
    baselinePerSecond: number;
    p50Ms: number;
    p99Ms: number;
    baselineP99Ms: number;
    concurrency: number;
  };
  /** Records chained by the end (warm-up included), and the sequencer's worst integration delay. */
  audit: { chained: number; integratedDuringLoad: number; maxDelayMs: number };
}

/** Percentile of non-empty sorted samples. */
const pct = (sorted: number[], p: number): number => percentile(sorted, p)!;

/** A spread of realistic requests: every role on every component, tenants on their data and agents. */
function requests(): DecisionRequest[] {
  const out: unknown[] = [];
  for (const role of PLATFORM_ROLES)
    for (const id of COMPONENTS)
      for (const action of ['view', 'update', 'delete'])
        out.push({
          principal: { type: 'User', id: `u-${role}`, portal: 'PP', tenant: 'platform', roles: [role] },
          action,
          resource: { type: 'Component', id },
        });
  for (const tenant of ['acme', 'globex']) {
    out.push({
      principal: { type: 'User', id: `u-${tenant}`, portal: 'CP', tenant, roles: [] },
      action: 'view',
      resource: { type: 'CustomerData', id: 'd', tenant: 'acme' },
    });
    out.push({
      principal: { type: 'User', id: `u-${tenant}`, portal: 'CP', tenant, roles: [] },
      action: 'run',
      resource: { type: 'Agent', id: 'a', tenant: 'acme', status: 'deployed', certified: true },
      context: {
        trial: { expired: false, actionsToday: 5, actionsPerDay: 100, spendCents: 0, budgetCapCents: 5000 },
      },
    });
  }
  return out.map((r) => DecisionRequestSchema.parse(r));
}

/**
 * The strongest bare baseline: Cedar's own stateful call on a policy set parsed once, with the
 * entities built beforehand (what a hand-written PEP would do at best).
 */
const BARE_SET = 'bench-bare';
function bareCall(request: DecisionRequest) {
  const uid = (type: string, id: string) => ({ type: `Backbone::${type}`, id });
  const p = request.principal;
  const entities = entitySlice(request);
  return () =>
    cedar.statefulIsAuthorized({
      principal: uid(p.type, p.id),
      action: uid('Action', request.action),
      resource: uid(request.resource.type, request.resource.id),
      context: request.context as Record<string, never>,
      preparsedPolicySetId: BARE_SET,
      entities,
    });
}

function time(fn: () => unknown, rounds: number): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p99: pct(samples, 99) };
}

export async function benchPep(): Promise<PepResult> {
  const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
  const all = requests();
  const staticPolicies = Object.values(DEFAULT_POLICY_SET.files).join('\n');
  cedar.preparsePolicySet(BARE_SET, { staticPolicies });
  const bareCalls = all.map((r) => bareCall(r));
  let i = 0;
  const next = () => all[i++ % all.length]!;
  let j = 0;
  const nextBare = () => bareCalls[j++ % bareCalls.length]!;
  // Warm both paths, then measure them interleaved in one run.
  time(() => engine.decide(next()), 500);
  time(() => nextBare()(), 500);
  const engineTimes: number[][] = [[], []];
  for (let round = 0; round < 10; round++) {
    const e = time(() => engine.decide(next()), 500);
    const b = time(() => nextBare()(), 500);
    engineTimes[0]!.push(e.p50, e.p99);
    engineTimes[1]!.push(b.p50, b.p99);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const pick = (xs: number[], k: number) => xs.filter((_, n) => n % 2 === k);
  const engineResult = { p50: median(pick(engineTimes[0]!, 0)), p99: median(pick(engineTimes[0]!, 1)) };
  const bareResult = { p50: median(pick(engineTimes[1]!, 0)), p99: median(pick(engineTimes[1]!, 1)) };

  const db = createFirestore(`demo-bench-pep-${Date.now()}`);
  const logger = createLogger({ service: 'bench', level: 'ERROR' });
  const pep = await serveHttp(
    'pepBench',
    makeHandler(
      firestorePepDeps(db, {
        holder: new PolicyHolder(engine),
        publisher: new RecordingEventPublisher(),
        clock: systemClock,
        source: 'bench',
        logger,
      }),
    ),
  );
  const echo = await serveHttp(
    'echoBench',
    createHttpHandler({
      logger,
      routes: [{ method: 'POST', path: '/v1/pep/decide', handle: () => respond.json({ decision: 'deny' }) }],
    }),
  );
  const load = async (base: string, count: number, concurrency: number) => {
    const latencies: number[] = [];
    const started = performance.now();
    await mapWithConcurrency(
      // Over HTTP the PEP looks the context up itself (here: no trial tenants, so cached reads).
      Array.from({ length: count }, (_, k) => {
        const { context: _context, ...body } = all[k % all.length]!;
        return body;
      }),
      concurrency,
      async (body) => {
        const t = performance.now();
        const res = await fetch(`${base}/v1/pep/decide`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.text();
        latencies.push(performance.now() - t);
      },
    );
    return { seconds: (performance.now() - started) / 1000, latencies };
  };
  const combine = (...runs: Array<{ seconds: number; latencies: number[] }>) => {
    const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return {
      perSecond: latencies.length / runs.reduce((sum, r) => sum + r.seconds, 0),
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
    };
  };
  const concurrency = 32;
  await load(pep.base, 200, concurrency);
  await load(echo.base, 200, concurrency);
  // The audit sequencer integrates beside the load, as it does in production.
  const sequencer = new FirestoreAuditSequencer(db, { clock: systemClock, logger });
  let loading = true;
  const sequencing = (async () => {
    const during = await sequencer.runUntil(Date.now() + 600_000, 1000, () => !loading);
    // Then what the last second of the load appended.
    const last = await sequencer.runUntil(Date.now() + 1500, 500);
    return {
      integrated: during.integrated + last.integrated,
      maxDelayMs: Math.max(during.maxDelayMs, last.maxDelayMs),
    };
  })();
  // ABBA: the machine's drift (the emulator warming, the sequencer's rounds) falls on both alike.
  const a1 = await load(echo.base, 1500, concurrency);
  const b1 = await load(pep.base, 1500, concurrency);
  const b2 = await load(pep.base, 1500, concurrency);
  const a2 = await load(echo.base, 1500, concurrency);
  loading = false;
  const audit = await sequencing;
  const baseline = combine(a1, a2);
  const measured = combine(b1, b2);
  const chained = (await new FirestoreAuditLog(db).head()).seq;
  await pep.close();
  await echo.close();
  await db.terminate();
  return {
    requests: all.length,
    engine: engineResult,
    bare: bareResult,
    http: {
      decisionsPerSecond: measured.perSecond,
      baselinePerSecond: baseline.perSecond,
      p50Ms: measured.p50,
      p99Ms: measured.p99,
      baselineP99Ms: baseline.p99,
      concurrency,
    },
    audit: { chained, integratedDuringLoad: audit.integrated, maxDelayMs: audit.maxDelayMs },
  };
}
