import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { ingestSteps, type StepStore } from '@backbone/shared/runlogs';
import { routes } from './routes';

export function makeHandler(deps: { store: StepStore; logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
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
