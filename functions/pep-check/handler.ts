import { createHttpHandler, parseWith, respond, type Logger, type Route } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { type TrialStore } from '@backbone/shared/governance';
import { DecideBatchSchema, PepRequestSchema, TrialSpendSchema } from './schema';
import { decideAll, type PepDeps } from './service';

export function makeHandler(
  deps: PepDeps & { trials: TrialStore; logger: Logger },
  security: HttpSecurity = {},
) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/v1/pep/decide',
      handle: async (ctx) => {
        const request = parseWith(PepRequestSchema, ctx.body, 'body');
        const [decision] = await decideAll(deps, [request]);
        return respond.json(decision);
      },
    },
    {
      method: 'POST',
      path: '/v1/pep/decide-batch',
      handle: async (ctx) => {
        const { requests } = parseWith(DecideBatchSchema, ctx.body, 'body');
        return respond.json({ decisions: await decideAll(deps, requests) });
      },
    },
    {
      method: 'POST',
      path: '/v1/pep/trial-usage',
      handle: async (ctx) => {
        const { tenant, usageId, spendCents } = parseWith(TrialSpendSchema, ctx.body, 'body');
        const outcome = await deps.trials.addSpend(tenant, usageId, spendCents);
        return respond.json({ tenant, usageId, ...outcome }, outcome.applied ? 201 : 200);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 256 * 1024, ...security });
}
