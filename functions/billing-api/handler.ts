import {
  createHttpHandler,
  Gatekeeper,
  handleStripeEvent,
  NotFoundError,
  parseWith,
  respond,
  ValidationError,
  type AuditLog,
  type BillingDeps,
  type Caller,
  type HttpSecurity,
  type Logger,
  type PolicyHolder,
  type Route,
} from '@backbone/shared';
import {
  DeadLettersQuerySchema,
  EventIdSchema,
  IdempotencyKeySchema,
  InvoicesQuerySchema,
  PlanChangeSchema,
  SubscriptionIdSchema,
} from './schema';

const SUBSCRIPTIONS = { type: 'Component', id: 'subscriptions' } as const;

export function makeHandler(
  deps: BillingDeps & { holder: PolicyHolder; audit: AuditLog; logger: Logger },
  security: HttpSecurity = {},
) {
  const gate = new Gatekeeper(deps);
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/v1/billing/invoices',
      handle: async (ctx) => {
        const { limit, after, tenant } = parseWith(
          InvoicesQuerySchema,
          Object.fromEntries(ctx.query),
          'query',
        );
        const own = ownTenant(ctx.caller);
        if (own) {
          if (tenant && tenant !== own) throw new ValidationError(`Your credentials are for tenant ${own}.`);
          return respond.json(await deps.store.listInvoices(own, { limit, ...(after ? { after } : {}) }));
        }
        if (!tenant) throw new ValidationError('Name the tenant: ?tenant=<id>.');
        const page = await gate.run(ctx.caller, 'view', SUBSCRIPTIONS, async () => ({
          result: await deps.store.listInvoices(tenant, { limit, ...(after ? { after } : {}) }),
          details: { tenant },
        }));
        return respond.json(page);
      },
    },
    {
      method: 'GET',
      path: '/v1/billing/dead-letters',
      handle: async (ctx) => {
        const { limit } = parseWith(DeadLettersQuerySchema, Object.fromEntries(ctx.query), 'query');
        const letters = await gate.run(ctx.caller, 'view', SUBSCRIPTIONS, async () => ({
          result: await deps.store.listDeadLetters(limit),
        }));
        return respond.json({ deadLetters: letters });
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/dead-letters/:eventId/replay',
      handle: async (ctx) => {
        const eventId = parseWith(EventIdSchema, ctx.params.eventId, 'path');
        const outcome = await gate.run(ctx.caller, 'update', SUBSCRIPTIONS, async () => {
          // Replayed from Stripe's own copy: the stored one is masked.
          await deps.store.reopen(eventId, deps.clock.now());
          const event = await deps.gateway.retrieveEvent(eventId);
          const result = await handleStripeEvent(deps, event, ctx.log);
          return { result, details: { eventId, outcome: result } };
        });
        return respond.json({ eventId, outcome });
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/subscriptions/:id/plan-change/preview',
      handle: async (ctx) => {
        const subscriptionId = await ownedSubscription(ctx.caller, ctx.params.id);
        const { effective: _effective, ...change } = parseWith(PlanChangeSchema, ctx.body, 'body');
        return respond.json(await deps.gateway.previewPlanChange({ subscriptionId, ...change }));
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/subscriptions/:id/plan-change',
      handle: async (ctx) => {
        const subscriptionId = await ownedSubscription(ctx.caller, ctx.params.id);
        const change = parseWith(PlanChangeSchema, ctx.body, 'body');
        const key = parseWith(IdempotencyKeySchema, ctx.headers['idempotency-key'], 'Idempotency-Key header');
        const stripeKey = `plan-change:${subscriptionId}:${key}`;
        const { effective, ...rest } = change;
        const result =
          effective === 'now'
            ? await deps.gateway.changePlan({ subscriptionId, ...rest }, stripeKey)
            : await deps.gateway.changePlanAtPeriodEnd(
                { subscriptionId, priceId: change.priceId },
                stripeKey,
              );
        await deps.audit.append([
          {
            actor: { type: 'User', id: ctx.caller.kind === 'user' ? ctx.caller.uid : 'unknown' },
            action: 'billing.plan_change',
            target: { type: 'Subscription', id: subscriptionId },
            outcome: 'done',
            source: deps.source,
            at: deps.clock.now().toISOString(),
            details: { priceId: change.priceId, proration: change.proration, effective },
          },
        ]);
        // The new state reaches the records through Stripe's customer.subscription.updated event.
        return respond.json({ subscriptionId, ...result }, 202);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });

  /** The subscription, if it is the caller's own tenant's (its Customer Portal users manage billing). */
  async function ownedSubscription(caller: Caller, rawId: string | undefined): Promise<string> {
    const id = parseWith(SubscriptionIdSchema, rawId, 'path');
    const record = await deps.store.subscription(id);
    if (!record || caller.kind !== 'user' || caller.portal !== 'CP' || record.tenantId !== caller.tenant)
      throw new NotFoundError(`No subscription ${id} of yours.`);
    return id;
  }
}

/** A Customer Portal user or a tenant's API key reads that tenant's invoices only. */
function ownTenant(caller: Caller): string | undefined {
  if (caller.kind === 'client') return caller.tenant;
  if (caller.kind === 'user' && caller.portal === 'CP') return caller.tenant;
  return undefined;
}
