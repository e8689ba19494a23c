import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { ingestSteps } from '@backbone/shared/runlogs';
import { readRun, type RunReadDeps } from './run-reads';
import { routes } from './routes';

export function makeHandler(deps: RunReadDeps & { logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
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
