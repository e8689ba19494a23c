import { createHttpHandler, respond, routesFrom, ValidationError, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { authorizeRead, ingestSteps, usageOf } from '@backbone/shared/runlogs';
import { readRun, type RunReadDeps } from './run-reads';
import { routes } from './routes';

export function makeHandler(deps: RunReadDeps & { logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/tenants/:tenant/model-calls': async (ctx, { params: { tenant }, query }) => {
        const to = query.to ? new Date(query.to) : deps.clock.now();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
        if (from >= to)
          throw new ValidationError('`from` is not before `to`.', [{ path: 'query.from', message: 'after to' }]);
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const calls = await deps.store.modelCalls({
          tenant,
          ...(query.agent ? { agentId: query.agent } : {}),
          from,
          to,
          limit: query.limit,
        });
        return respond.json({
          tenant,
          from: from.toISOString(),
          to: to.toISOString(),
          calls: calls.map((c) => ({
            runId: c.runId,
            agentId: c.agentId,
            agentVersion: c.agentVersion,
            step: c.step,
            endedAt: c.endedAt.toISOString(),
            model: c.model!,
          })),
        });
      },
      'GET /v1/tenants/:tenant/agents/:agent/runs/:run/steps': async (ctx, { params: { tenant, agent, run } }) =>
        respond.json(await readRun(deps, ctx.caller, tenant, agent, run)),
      'POST /v1/runs/steps:batch': async (ctx, { body: { steps } }) => {
        const results = await ingestSteps(deps.store, steps);
        const conflicts = results.filter((r) => r.outcome === 'conflict').length;
        if (conflicts > 0) ctx.log.warn('steps sent again with other content were not stored', { conflicts });
        return respond.json({ results });
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 4 * 1024 * 1024,
    ...security,
  });
}
