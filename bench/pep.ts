import {
  percentile,
  COMPONENTS,
  PLATFORM_ROLES,
  createFirestore,
  createLogger,
  DEFAULT_POLICY_SET,
  DecisionRequestSchema,
  entitySlice,
  FirestoreAuditLog,
  FirestoreRegistryStore,
  FirestoreTrialStore,
  PolicyHolder,
  mapWithConcurrency,
  PolicyEngine,
  respond,
  createHttpHandler,
  systemClock,
  type DecisionRequest,
} from '@backbone/shared';
import { serveHttp } from '@backbone/shared/testing';
import { makeHandler } from '../functions/pep-check/handler';
import { ContextResolver } from '../functions/pep-check/context';

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
    concurrency: number;
  };
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
      resource: { type: 'Agent', id: 'a', tenant: 'acme' },
      context: {
        trial: { expired: false, actionsToday: 5, actionsPerDay: 100, spendCents: 0, budgetCapCents: 5000 },
      },
    });
  }
  return out.map((r) => DecisionRequestSchema.parse(r));
}

/** The same request as bare Cedar sees it: the whole policy text parsed on every call. */
function bareCall(request: DecisionRequest, staticPolicies: string) {
  const uid = (type: string, id: string) => ({ type: `Backbone::${type}`, id });
  const p = request.principal;
  const entities = entitySlice(request);
  return () =>
    cedar.isAuthorized({
      principal: uid(p.type, p.id),
      action: uid('Action', request.action),
      resource: uid(request.resource.type, request.resource.id),
      context: request.context as Record<string, never>,
      policies: { staticPolicies },
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
  let i = 0;
  const next = () => all[i++ % all.length]!;
  // Warm both paths, then measure them interleaved in one run.
  time(() => engine.decide(next()), 500);
  time(() => bareCall(next(), staticPolicies)(), 200);
  const engineTimes = time(() => engine.decide(next()), 5000);
  const bareTimes = time(() => bareCall(next(), staticPolicies)(), 2000);

  const db = createFirestore(`demo-bench-pep-${Date.now()}`);
  const logger = createLogger({ service: 'bench', level: 'ERROR' });
  const trials = new FirestoreTrialStore(db);
  const pep = await serveHttp(
    'pepBench',
    makeHandler({
      holder: new PolicyHolder(engine),
      resolver: new ContextResolver({ trials, registry: new FirestoreRegistryStore(db), clock: systemClock }),
      trials,
      audit: new FirestoreAuditLog(db),
      clock: systemClock,
      source: 'bench',
      logger,
    }),
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
    latencies.sort((a, b) => a - b);
    return {
      perSecond: count / ((performance.now() - started) / 1000),
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
    };
  };
  const concurrency = 32;
  await load(pep.base, 200, concurrency);
  const baseline = await load(echo.base, 3000, concurrency);
  const measured = await load(pep.base, 3000, concurrency);
  await pep.close();
  await echo.close();
  await db.terminate();
  return {
    requests: all.length,
    engine: engineTimes,
    bare: bareTimes,
    http: {
      decisionsPerSecond: measured.perSecond,
      baselinePerSecond: baseline.perSecond,
      p50Ms: measured.p50,
      p99Ms: measured.p99,
      concurrency,
    },
  };
}
