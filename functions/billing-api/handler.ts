import { createHttpHandler, parseWith, respond, type Logger, type Route } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import {
  DeadLettersQuerySchema,
  EventIdSchema,
  IdempotencyKeySchema,
  InvoicesQuerySchema,
  PlanChangeSchema,
  SubscriptionIdSchema,
} from './schema';
import { BillingApi, type BillingApiDeps } from './service';

export function makeHandler(deps: BillingApiDeps & { logger: Logger }, security: HttpSecurity = {}) {
  const api = new BillingApi(deps);
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/v1/billing/invoices',
      handle: async (ctx) =>
        respond.json(
          await api.invoices(
            ctx.caller,
            parseWith(InvoicesQuerySchema, Object.fromEntries(ctx.query), 'query'),
          ),
        ),
    },
    {
      method: 'GET',
      path: '/v1/billing/dead-letters',
      handle: async (ctx) => {
        const { limit } = parseWith(DeadLettersQuerySchema, Object.fromEntries(ctx.query), 'query');
        return respond.json({ deadLetters: await api.deadLetters(ctx.caller, limit) });
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/dead-letters/:eventId/replay',
      handle: async (ctx) => {
        const eventId = parseWith(EventIdSchema, ctx.params.eventId, 'path');
        return respond.json({ eventId, outcome: await api.replay(ctx.caller, eventId, ctx.log) });
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/subscriptions/:id/plan-change/preview',
      handle: async (ctx) => {
        const id = parseWith(SubscriptionIdSchema, ctx.params.id, 'path');
        const { priceId } = parseWith(PlanChangeSchema, ctx.body, 'body');
        return respond.json(await api.previewPlanChange(ctx.caller, id, priceId));
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/subscriptions/:id/plan-change',
      handle: async (ctx) => {
        const id = parseWith(SubscriptionIdSchema, ctx.params.id, 'path');
        const { priceId } = parseWith(PlanChangeSchema, ctx.body, 'body');
        const key = parseWith(IdempotencyKeySchema, ctx.headers['idempotency-key'], 'Idempotency-Key header');
        return respond.json(await api.changePlan(ctx.caller, id, priceId, key), 202);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
