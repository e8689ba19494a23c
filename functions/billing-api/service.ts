// What the billing API does, behind the policy: tenant scoping, dead-letter replay, plan changes.
import { NotFoundError, ValidationError, type Caller, type Logger } from '@backbone/shared/core';
import { Gatekeeper, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import { handleStripeEvent, type BillingDeps } from '@backbone/shared/billing';
import { decidePlanChange, type PlanRanks } from './plan-policy';

const SUBSCRIPTIONS = { type: 'Component', id: 'subscriptions' } as const;

export type BillingApiDeps = BillingDeps & { holder: PolicyHolder; audit: AuditLog; planRanks: PlanRanks };

export class BillingApi {
  private readonly gate: Gatekeeper;

  constructor(private readonly deps: BillingApiDeps) {
    this.gate = new Gatekeeper(deps);
  }

  /** A tenant's own callers read their invoices; platform roles name the tenant and are audited. */
  async invoices(caller: Caller, query: { limit: number; after?: string | undefined; tenant?: string | undefined }) {
    const page = { limit: query.limit, ...(query.after ? { after: query.after } : {}) };
    const own = ownTenant(caller);
    if (own) {
      if (query.tenant && query.tenant !== own) throw new ValidationError(`Your credentials are for tenant ${own}.`);
      return this.deps.store.listInvoices(own, page);
    }
    const tenant = query.tenant;
    if (!tenant) throw new ValidationError('Name the tenant: ?tenant=<id>.');
    return this.gate.run(caller, 'view', SUBSCRIPTIONS, async () => ({
      result: await this.deps.store.listInvoices(tenant, page),
      details: { tenant },
    }));
  }

  /**
   * A Stripe dead letter is a customer's billing record (masked, but still theirs): only the roles
   * that may act on it (replay) may read it, not every role that views billing.
   */
  deadLetters(caller: Caller, limit: number) {
    return this.gate.run(caller, 'update', SUBSCRIPTIONS, async () => ({
      result: await this.deps.store.listDeadLetters(limit),
    }));
  }

  /** Replayed from Stripe's own copy of the event: the stored one is masked. */
  replay(caller: Caller, eventId: string, log: Logger) {
    return this.gate.run(caller, 'update', SUBSCRIPTIONS, async () => {
      await this.deps.store.reopen(eventId, this.deps.clock.now());
      const event = await this.deps.gateway.retrieveEvent(eventId);
      const result = await handleStripeEvent(this.deps, event, log);
      return { result, details: { eventId, outcome: result } };
    });
  }

  async previewPlanChange(caller: Caller, subscriptionId: string, priceId: string) {
    const owned = await this.ownedSubscription(caller, subscriptionId);
    const decision = decidePlanChange(this.deps.planRanks, owned.priceId, priceId);
    const preview = await this.gate.run(caller, 'view', owned.resource, async () => ({
      result: await this.deps.gateway.previewPlanChange({
        subscriptionId: owned.id,
        priceId,
        proration: decision.proration,
      }),
    }));
    return { ...decision, ...preview };
  }

  /** The new state reaches the records through Stripe's customer.subscription.updated event. */
  async changePlan(caller: Caller, subscriptionId: string, priceId: string, idempotencyKey: string) {
    const owned = await this.ownedSubscription(caller, subscriptionId);
    const decision = decidePlanChange(this.deps.planRanks, owned.priceId, priceId);
    const stripeKey = `plan-change:${owned.id}:${idempotencyKey}`;
    const result = await this.gate.run(caller, 'update', owned.resource, async () => ({
      result:
        decision.effective === 'now'
          ? await this.deps.gateway.changePlan(
              { subscriptionId: owned.id, priceId, proration: decision.proration },
              stripeKey,
            )
          : await this.deps.gateway.changePlanAtPeriodEnd({ subscriptionId: owned.id, priceId }, stripeKey),
      details: { subscriptionId: owned.id, from: owned.priceId, priceId, ...decision },
    }));
    return { subscriptionId: owned.id, ...decision, ...result };
  }

  /**
   * The subscription, if it is the caller's own tenant's (another tenant's is absent, not
   * forbidden); the policy then decides whether the caller is one of its billing admins.
   */
  private async ownedSubscription(caller: Caller, id: string) {
    const record = await this.deps.store.subscription(id);
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
