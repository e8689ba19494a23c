import { declaredRoutes } from '@backbone/shared/gcp';
import { ingestSteps, type StepInput } from '@backbone/shared/runlogs';
import {
  agentRecord,
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAgentStore,
  MemoryBenchmarkStore,
  MemoryRunLogs,
  seedAgents,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

/** `ok` successful and `failed` failed runs of an agent, ended on `day`. */
function runs(tenant: string, agentId: string, ok: number, failed: number, day = '2026-12-06'): StepInput[] {
  return Array.from({ length: ok + failed }, (_, i) => ({
    tenant,
    agentId,
    agentVersion: '1.0.0',
    runId: `${agentId}-${day}-${i}`,
    step: 0,
    kind: 'final_answer' as const,
    outcome: i < ok ? ('success' as const) : ('error' as const),
    startedAt: `${day}T08:00:00.000Z`,
    endedAt: `${day}T08:00:01.000Z`,
  }));
}

async function setup() {
  const logs = new MemoryRunLogs();
  const agents = new MemoryAgentStore();
  const benchmarks = new MemoryBenchmarkStore();
  await seedAgents(
    agents,
    agentRecord('acme', 'a1'),
    agentRecord('acme', 'a2'),
    agentRecord('globex', 'g1'),
    agentRecord('globex', 'w1', { specialty: 'content-creation' }),
  );
  const handler = makeHandler(
    {
      stats: logs,
      agents,
      benchmarks,
      clock: new ManualClock(new Date('2026-12-07T12:07:00Z')),
      logger: captureLogs().logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        scheduler: { kind: 'service', email: 'scheduler@example.iam.gserviceaccount.com', subject: 'scheduler' },
      }),
    },
  );
  const fire = () => invokeHttp(handler, { method: 'POST', path: '/', headers: { authorization: 'Bearer scheduler' } });
  return { logs, benchmarks, fire };
}

describe('agent-benchmarks (000#39)', () => {
  it("groups the last 7 days' health scores by specialty, across tenants, ascending", async () => {
    const { logs, benchmarks, fire } = await setup();
    await ingestSteps(logs, [
      ...runs('acme', 'a1', 9, 1), // 90
      ...runs('acme', 'a2', 1, 1), // 50
      ...runs('globex', 'g1', 3, 1), // 75
      ...runs('globex', 'w1', 1, 0), // 100, another specialty
      ...runs('globex', 'g1', 0, 5, '2026-11-20'), // outside the 7 days
      ...runs('acme', 'ghost', 1, 0), // not in the registry: no specialty, left out
    ]);
    const res = await fire();
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-12-01', to: '2026-12-07', agents: 5, scored: 4 });
    expect((await benchmarks.get('customer-support'))?.scores).toEqual([50, 75, 90]);
    expect((await benchmarks.get('content-creation'))?.scores).toEqual([100]);
    // Every specialty is rewritten: one without agents says so rather than keep an old figure.
    expect((await benchmarks.get('legal'))?.scores).toEqual([]);
  });
});
