/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { ingestSteps, type StepInput } from '@backbone/shared/runlogs';
import {
  agentRecord,
  invokeHttp,
  captureLogs,
  ManualClock,
  MemoryAgentStore,
  MemoryAuditLog,
  MemoryBenchmarkStore,
  MemoryBudgetStore,
  MemoryRunLogs,
  seedAgents,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const NOW = new Date('2026-12-07T12:00:00Z');

/** A run of `agent`: input, one model call of `tokensIn` tokens at 2 micros a token in, 10 a token out, and its end. */
function run(
  agent: string,
  id: string,
  tokensIn: number,
  outcome: 'success' | 'error',
  day = '2026-12-07',
): StepInput[] {
  const base = { tenant: 'acme', agentId: agent, agentVersion: '1.0.0', runId: id, text: 'x' };
  const at = { startedAt: `${day}T08:00:00.000Z`, endedAt: `${day}T08:00:01.000Z` };
  return [
    { ...base, ...at, step: 0, kind: 'input' },
    {
      ...base,
      ...at,
      step: 1,
      kind: 'model_call',
      model: {
        provider: 'vertex-ai',
        model: agent === 'writer' ? 'gemini-2.5-flash' : 'gemini-2.5-pro',
        temperature: 0,
        tokensIn,
        tokensOut: 100,
        finishReason: 'STOP',
        latencyMs: 300,
        price: { inputPerMillionMicros: 2_000_000, outputPerMillionMicros: 10_000_000 },
      },
    },
    { ...base, ...at, step: 2, kind: 'final_answer', outcome },
  ];
}

async function setup() {
  const logs = new MemoryRunLogs();
  const agents = new MemoryAgentStore();
  await seedAgents(
    agents,
    agentRecord('acme', 'support'),
    agentRecord('acme', 'writer', { specialty: 'content-creation' }),
  );
  const benchmarks = new MemoryBenchmarkStore();
  const budgets = new MemoryBudgetStore(logs);
  const audit = new MemoryAuditLog();
  const handler = makeHandler(
    {
      stats: logs,
      budgets,
      benchmarks,
      agents,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      clock: new ManualClock(NOW),
      source: 'backbone/run-stats',
      logger: captureLogs('run-stats').logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        user: { kind: 'user', uid: 'u', portal: 'CP', tenant: 'acme', roles: [] },
        billing: { kind: 'user', uid: 'b', portal: 'CP', tenant: 'acme', roles: ['billing_admin'] },
        globex: { kind: 'user', uid: 'g', portal: 'CP', tenant: 'globex', roles: ['tenant_admin'] },
        auditor: { kind: 'user', uid: 'aud', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
      }),
    },
  );
  const call = async (who: string, path: string, method = 'GET', body?: object) => {
    const res = await invokeHttp(handler, {
      method,
      path,
      headers: { authorization: `Bearer ${who}` },
      ...(body ? { body } : {}),
    });
    return { ...res, json: () => res.json() as any };
  };
  return { logs, benchmarks, budgets, audit, call };
}

async function seedRuns(logs: MemoryRunLogs) {
  // support: 4 runs (3 succeed), 1000+2000+3000+4000 tokens in; writer: 1 run, 500 tokens in, on the 6th.
  await ingestSteps(logs, [
    ...run('support', 's1', 1000, 'success'),
    ...run('support', 's2', 2000, 'success'),
    ...run('support', 's3', 3000, 'error'),
    ...run('support', 's4', 4000, 'success'),
    ...run('writer', 'w1', 500, 'success', '2026-12-06'),
  ]);
  // 10 decisions about support's actions, 2 denied.
  logs.countDecisions(
    Array.from({ length: 10 }, (_, i) => ({ tenant: 'acme', agentId: 'support', at: NOW, denied: i < 2 })),
  );
}

describe('GET /v1/stats (004§2.2)', () => {
  it('answers per tenant and per agent from the rollups, with the documented scores', async () => {
    const { logs, call } = await setup();
    await seedRuns(logs);
    const agent = (await call('user', '/v1/stats?agent=support&from=2026-12-01')).json();
    // Cost per model call: tokensIn × 2 + 100 × 10 micros.
    expect(agent).toMatchObject({ tenant: 'acme', agentId: 'support', from: '2026-12-01', to: '2026-12-07' });
    expect(agent.stats).toEqual({
      invocations: 4,
      succeeded: 3,
      failed: 1,
      steps: 12,
      modelCalls: 4,
      tokensIn: 10_000,
      tokensOut: 400,
      costMicros: 10_000 * 2 + 400 * 10,
      decisions: 10,
      denials: 2,
      successRate: 0.75,
      errorRate: 0.25,
      denialRate: 0.2,
      complianceScore: 80,
      healthScore: 77.5,
    });
    const tenant = (await call('user', '/v1/stats')).json();
    expect(tenant.stats).toMatchObject({ invocations: 5, succeeded: 4, tokensIn: 10_500, costMicros: 26_000 });
    const sixth = (await call('user', '/v1/stats?from=2026-12-06&to=2026-12-06')).json();
    expect(sixth.stats).toMatchObject({
      invocations: 1,
      tokensIn: 500,
      decisions: 0,
      complianceScore: null,
      healthScore: 100,
    });
    const empty = (await call('user', '/v1/stats?from=2026-11-01&to=2026-11-30')).json();
    expect(empty.stats).toMatchObject({ invocations: 0, successRate: null, healthScore: null });
  });

  it("keeps tenants apart: another tenant's admin is refused (and audited), an auditor reads any tenant by name", async () => {
    const { logs, audit, call } = await setup();
    await seedRuns(logs);
    const refused = await call('globex', '/v1/stats?tenant=acme');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'usage.view', outcome: 'deny', target: { id: 'acme' } });
    expect((await call('globex', '/v1/stats')).json().stats.invocations).toBe(0);
    expect((await call('auditor', '/v1/stats?tenant=acme')).json().stats.invocations).toBe(5);
  });

  it.each([
    ['/v1/stats?from=2026-12-08&to=2026-12-01', 400],
    ['/v1/stats?from=2025-01-01&to=2026-12-01', 400],
    ['/v1/stats?from=2026-02-30', 400],
    ['/v1/stats?agent=%00bot', 400],
    ['/v1/stats?tenant=ACME%2F..', 400],
    ['/v1/stats?unknown=1', 400],
    ['/v1/stats?agent=' + 'a'.repeat(5000), 400],
  ])('refuses %s with a problem, changing nothing', async (path, status) => {
    const { call } = await setup();
    const res = await call('user', path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('GET /v1/tenants/:tenant/agents/:agent/health (000#39)', () => {
  it("places the agent's health score among the peers of its specialty", async () => {
    const { logs, benchmarks, call } = await setup();
    await seedRuns(logs);
    await benchmarks.put([
      {
        specialty: 'customer-support',
        range: { from: '2026-12-01', to: '2026-12-07' },
        scores: [50, 60, 77.5, 90],
        computedAt: NOW,
      },
    ]);
    const res = (await call('user', '/v1/tenants/acme/agents/support/health')).json();
    expect(res).toMatchObject({
      specialty: 'customer-support',
      healthScore: 77.5,
      peers: { agents: 4, percentile: 75, median: 60 },
    });
    const lonely = (await call('user', '/v1/tenants/acme/agents/writer/health')).json();
    expect(lonely.peers).toEqual({ agents: 0, percentile: null, median: null, computedAt: null });
    expect((await call('user', '/v1/tenants/acme/agents/ghost/health')).status).toBe(404);
    expect((await call('globex', '/v1/tenants/acme/agents/support/health')).status).toBe(403);
  });
});

describe('GET /v1/tenants/:tenant/costs (000#50)', () => {
  it('attributes costs per agent and model, and exports one NDJSON row per day, agent and model', async () => {
    const { logs, call } = await setup();
    await seedRuns(logs);
    const json = (await call('user', '/v1/tenants/acme/costs?from=2026-12-01')).json();
    expect(json.costMicros).toBe(26_000);
    expect(json.agents.map((a: any) => [a.agentId, a.costMicros])).toEqual([
      ['support', 24_000],
      ['writer', 1_000 + 1_000],
    ]);
    expect(json.agents[0].models).toEqual({
      'vertex-ai/gemini-2.5-pro': { modelCalls: 4, tokensIn: 10_000, tokensOut: 400, costMicros: 24_000 },
    });
    const ndjson = await call('user', '/v1/tenants/acme/costs?from=2026-12-01&format=ndjson');
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson');
    const rows = ndjson.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      {
        day: '2026-12-07',
        tenant: 'acme',
        agent_id: 'support',
        provider: 'vertex-ai',
        model: 'gemini-2.5-pro',
        calls: 4,
        tokens_in: 10_000,
        tokens_out: 400,
        cost_micros: 24_000,
        currency: 'USD',
      },
      {
        day: '2026-12-06',
        tenant: 'acme',
        agent_id: 'writer',
        provider: 'vertex-ai',
        model: 'gemini-2.5-flash',
        calls: 1,
        tokens_in: 500,
        tokens_out: 100,
        cost_micros: 2_000,
        currency: 'USD',
      },
    ]);
    // Every row loads into the published BigQuery schema: its columns, each of its type.
    const schema = JSON.parse(
      readFileSync(path.join(__dirname, '../../../docs/bigquery/cost_attribution.schema.json'), 'utf8'),
    ) as { name: string; type: string }[];
    const fits: Record<string, (v: unknown) => boolean> = {
      DATE: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
      STRING: (v) => typeof v === 'string',
      INTEGER: (v) => Number.isSafeInteger(v),
    };
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(schema.map((c) => c.name).sort());
      for (const column of schema)
        expect({ [column.name]: fits[column.type]!(row[column.name]) }).toEqual({ [column.name]: true });
    }
  });
});

describe('budgets (000#26)', () => {
  it("lets the tenant's billing admin set thresholds and a channel, audited; shows this month's spend", async () => {
    const { logs, audit, call } = await setup();
    await seedRuns(logs);
    expect((await call('user', '/v1/tenants/acme/budget')).status).toBe(404);
    const budget = { monthlyLimitMicros: 40_000, thresholds: [60, 80, 95], channel: { kind: 'feed' } };
    expect((await call('user', '/v1/tenants/acme/budget', 'PUT', budget)).status).toBe(403);
    expect((await call('globex', '/v1/tenants/acme/budget', 'PUT', budget)).status).toBe(403);
    const set = await call('billing', '/v1/tenants/acme/budget', 'PUT', budget);
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({ ...budget, period: '2026-12', spentMicros: 26_000, alerts: [] });
    expect(audit.entries.at(-1)).toMatchObject({
      action: 'governance.update',
      outcome: 'allow',
      target: { id: 'acme' },
    });
    const defaults = await call('billing', '/v1/tenants/acme/budget', 'PUT', { monthlyLimitMicros: 1 });
    expect(defaults.json()).toMatchObject({ thresholds: [70, 85, 100], channel: { kind: 'feed' } });
    expect((await call('user', '/v1/tenants/acme/budget')).json().monthlyLimitMicros).toBe(1);
  });

  it.each([
    [{ monthlyLimitMicros: 0 }],
    [{ monthlyLimitMicros: 10, thresholds: [80, 60] }],
    [{ monthlyLimitMicros: 10, thresholds: [] }],
    [{ monthlyLimitMicros: 10, channel: { kind: 'webhook', url: 'http://hooks.example.com/x' } }],
    [{ monthlyLimitMicros: 10, channel: { kind: 'webhook', url: 'https://169.254.169.254/latest' } }],
    [{ monthlyLimitMicros: 10, channel: { kind: 'email' } }],
    [{ monthlyLimitMicros: '10' }],
    [{ monthlyLimitMicros: 10, extra: true }],
  ])('refuses the budget %j with a 400 and keeps none', async (body) => {
    const { budgets, call } = await setup();
    const res = await call('billing', '/v1/tenants/acme/budget', 'PUT', body);
    expect(res.status).toBe(400);
    expect(budgets.budgets.size).toBe(0);
  });
});
