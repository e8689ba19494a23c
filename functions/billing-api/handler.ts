import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { routes } from './routes';
import { BillingApi, type BillingApiDeps } from './service';

export function makeHandler(deps: BillingApiDeps & { logger: Logger }, security: HttpSecurity = {}) {
  const api = new BillingApi(deps);
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/billing/invoices': async (ctx, { query }) => respond.json(await api.invoices(ctx.caller, query)),
      'GET /v1/billing/dead-letters': async (ctx, { query }) =>
        respond.json({ deadLetters: await api.deadLetters(ctx.caller, query.limit) }),
      'POST /v1/billing/dead-letters/:eventId/replay': async (ctx, { params }) =>
        respond.json({
          eventId: params.eventId,
          outcome: await api.replay(ctx.caller, params.eventId, ctx.log),
        }),
      'POST /v1/billing/subscriptions/:id/plan-change/preview': async (ctx, { params, body }) =>
        respond.json(await api.previewPlanChange(ctx.caller, params.id, body.priceId)),
      'POST /v1/billing/subscriptions/:id/plan-change': async (ctx, { params, body, headers }) =>
        respond.json(await api.changePlan(ctx.caller, params.id, body.priceId, headers['idempotency-key']), 202),
    }),
    logger: deps.logger,
    maxBodyBytes: 4 * 1024,
    ...security,
  });
}
