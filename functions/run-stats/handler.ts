import { createHttpHandler, NotFoundError, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper } from '@backbone/shared/policy';
import { type AgentStore } from '@backbone/shared/agents';
import {
  benchmarkRange,
  budgetPeriod,
  percentileRank,
  periodDays,
  statsFrom,
  type BenchmarkStore,
  type Budget,
  type BudgetStore,
  type RunStatsStore,
  authorizeRead,
  tenantFor,
  usageOf,
  type UsageAccessDeps,
} from '@backbone/shared/runlogs';
import { costRows, costsByAgent } from './costs';
import { periodOf } from './period';
import { routes } from './routes';

export interface RunStatsDeps extends UsageAccessDeps {
  stats: RunStatsStore;
  budgets: BudgetStore;
  benchmarks: BenchmarkStore;
  agents: AgentStore;
  logger: Logger;
}

export function makeHandler(deps: RunStatsDeps, security: HttpSecurity = {}) {
  const gate = new Gatekeeper(deps);
  const now = () => deps.clock.now();

  async function budgetView(tenant: string, budget: Budget) {
    const at = now();
    const [totals, alerts] = await Promise.all([
      deps.stats.totals(tenant, periodDays(at)),
      deps.budgets.alerts(tenant, budgetPeriod(at)),
    ]);
    return {
      ...budget,
      period: budgetPeriod(at),
      spentMicros: totals.costMicros,
      alerts: alerts.map((a) => ({ threshold: a.threshold, spentMicros: a.spentMicros, delivery: a.delivery })),
    };
  }

  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/stats': async (ctx, { query }) => {
        const tenant = tenantFor(ctx.caller, query.tenant);
        const range = periodOf(query, now());
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const totals = await deps.stats.totals(tenant, range, query.agent);
        return respond.json({
          tenant,
          ...(query.agent ? { agentId: query.agent } : {}),
          ...range,
          stats: statsFrom(totals),
        });
      },
      'GET /v1/tenants/:tenant/agents/:agent/health': async (ctx, { params: { tenant, agent } }) => {
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const record = await deps.agents.get(tenant, agent);
        if (!record) throw new NotFoundError(`No agent ${agent} in ${tenant}.`);
        const range = benchmarkRange(now());
        const [totals, benchmark] = await Promise.all([
          deps.stats.totals(tenant, range, agent),
          deps.benchmarks.get(record.specialty),
        ]);
        const stats = statsFrom(totals);
        const scores = benchmark?.scores ?? [];
        return respond.json({
          tenant,
          agentId: agent,
          specialty: record.specialty,
          ...range,
          healthScore: stats.healthScore,
          stats,
          peers: {
            agents: scores.length,
            percentile: stats.healthScore === null ? null : percentileRank(stats.healthScore, scores),
            median: scores.length === 0 ? null : scores[Math.floor((scores.length - 1) / 2)]!,
            computedAt: benchmark ? benchmark.computedAt.toISOString() : null,
          },
        });
      },
      'GET /v1/tenants/:tenant/costs': async (ctx, { params: { tenant }, query }) => {
        const range = periodOf(query, now());
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const daily = await deps.stats.daily(tenant, range);
        if (query.format === 'ndjson')
          return respond.text(
            costRows(daily)
              .map((row) => `${JSON.stringify(row)}\n`)
              .join(''),
            'application/x-ndjson',
          );
        return respond.json(costsByAgent(tenant, range, daily));
      },
      'GET /v1/tenants/:tenant/budget': async (ctx, { params: { tenant } }) => {
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const budget = await deps.budgets.get(tenant);
        if (!budget) throw new NotFoundError(`${tenant} has no budget.`);
        return respond.json(await budgetView(tenant, budget));
      },
      'PUT /v1/tenants/:tenant/budget': async (ctx, { params: { tenant }, body }) => {
        await gate.run(ctx.caller, 'update', usageOf(tenant), async () => {
          await deps.budgets.put(tenant, body);
          return {
            result: undefined,
            details: {
              monthlyLimitMicros: body.monthlyLimitMicros,
              thresholds: body.thresholds,
              channel: body.channel.kind,
            },
          };
        });
        return respond.json(await budgetView(tenant, body));
      },
    }),
    logger: deps.logger,
    ...security,
  });
}
