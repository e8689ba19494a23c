import {
  createHttpHandler,
  NotFoundError,
  parseWith,
  respond,
  ValidationError,
  type Caller,
  type Logger,
  type Route,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import { handleStripeEvent, type BillingDeps } from '@backbone/shared/billing';
import {
  DeadLettersQuerySchema,
  EventIdSchema,
  IdempotencyKeySchema,
  InvoicesQuerySchema,
  PlanChangeSchema,
  SubscriptionIdSchema,
} from './schema';
import { decidePlanChange, type PlanRanks } from './plan-policy';

const SUBSCRIPTIONS = { type: 'Component', id: 'subscriptions' } as const;

export function makeHandler(
  deps: BillingDeps & { holder: PolicyHolder; audit: AuditLog; logger: Logger; planRanks: PlanRanks },
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
        // A Stripe dead letter is a customer's billing record (masked, but still theirs): only
        // the roles that may act on it (replay) may read it, not every role that views billing.
        const letters = await gate.run(ctx.caller, 'update', SUBSCRIPTIONS, async () => ({
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
        const owned = await ownedSubscription(ctx.caller, ctx.params.id);
        const { priceId } = parseWith(PlanChangeSchema, ctx.body, 'body');
        const decision = decidePlanChange(deps.planRanks, owned.priceId, priceId);
        const preview = await gate.run(ctx.caller, 'view', owned.resource, async () => ({
          result: await deps.gateway.previewPlanChange({
            subscriptionId: owned.id,
            priceId,
            proration: decision.proration,
          }),
        }));
        return respond.json({ ...decision, ...preview });
      },
    },
    {
      method: 'POST',
      path: '/v1/billing/subscriptions/:id/plan-change',
      handle: async (ctx) => {
        const owned = await ownedSubscription(ctx.caller, ctx.params.id);
        const { priceId } = parseWith(PlanChangeSchema, ctx.body, 'body');
        const key = parseWith(IdempotencyKeySchema, ctx.headers['idempotency-key'], 'Idempotency-Key header');
        const decision = decidePlanChange(deps.planRanks, owned.priceId, priceId);
        const stripeKey = `plan-change:${owned.id}:${key}`;
        const subscriptionId = owned.id;
        const result = await gate.run(ctx.caller, 'update', owned.resource, async () => ({
          result:
            decision.effective === 'now'
              ? await deps.gateway.changePlan(
                  { subscriptionId, priceId, proration: decision.proration },
                  stripeKey,
                )
              : await deps.gateway.changePlanAtPeriodEnd({ subscriptionId, priceId }, stripeKey),
          details: { subscriptionId, from: owned.priceId, priceId, ...decision },
        }));
        // The new state reaches the records through Stripe's customer.subscription.updated event.
        return respond.json({ subscriptionId, ...decision, ...result }, 202);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });

  /**
   * The subscription, if it is the caller's own tenant's (another tenant's is absent, not
   * forbidden); the policy then decides whether the caller is one of its billing admins.
   */
  async function ownedSubscription(caller: Caller, rawId: string | undefined) {
    const id = parseWith(SubscriptionIdSchema, rawId, 'path');
    const record = await deps.store.subscription(id);
    if (!record || caller.kind !== 'user' || caller.portal !== 'CP' || record.tenantId !== caller.tenant)
      throw new NotFoundError(`No subscription ${id} of yours.`);
    return {
      id,
      priceId: record.priceId,
      resource: { type: 'Subscription', id, tenant: record.tenantId } as const,
    };
  }
}

/** A Customer Portal user or a tenant's API key reads that tenant's invoices only. */
function ownTenant(caller: Caller): string | undefined {
  if (caller.kind === 'client') return caller.tenant;
  if (caller.kind === 'user' && caller.portal === 'CP') return caller.tenant;
  return undefined;
}
