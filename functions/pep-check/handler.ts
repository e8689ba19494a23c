import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { type TrialStore } from '@backbone/shared/governance';
import { routes } from './routes';
import { decideAll, type PepDeps } from './service';

export function makeHandler(deps: PepDeps & { trials: TrialStore; logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
      'POST /v1/pep/decide': async (_ctx, { body }) => {
        const [decision] = await decideAll(deps, [body]);
        return respond.json(decision);
      },
      'POST /v1/pep/decide-batch': async (_ctx, { body }) =>
        respond.json({ decisions: await decideAll(deps, body.requests) }),
      'POST /v1/pep/trial-usage': async (_ctx, { body }) => {
        const outcome = await deps.trials.addSpend(body.tenant, body.usageId, body.spendCents);
        return respond.json({ tenant: body.tenant, usageId: body.usageId, ...outcome }, outcome.applied ? 201 : 200);
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 256 * 1024,
    ...security,
  });
}
