import { inSpan, SpanKind } from '../core/tracing/tracing';
import Stripe from 'stripe';
import { z } from 'zod';
import { TransientError } from '../core/errors/app-errors';
import type { PlanChange, PlanChangePreview, StripeGateway } from './stripe-gateway';

/** The Stripe settings every billing function reads (add them to its config schema with `.extend`). */
export const StripeConfigShape = {
  STRIPE_API_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret or restricted key'),
  STRIPE_API_ENDPOINT: z.union([z.literal(''), z.url()]).default(''),
  /** The metadata key on Stripe customers and subscriptions that names the tenant. */
  STRIPE_TENANT_METADATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default('tenant_id'),
};

/** The manifest env and secret every billing function declares for Stripe. */
export const STRIPE_MANIFEST_ENV = {
  STRIPE_API_ENDPOINT: {
    description: 'Another Stripe API endpoint (local stand-ins and tests); empty for api.stripe.com.',
    default: '',
  },
  STRIPE_TENANT_METADATA_KEY: {
    description: 'The metadata key on Stripe customers and subscriptions that holds the Backbone tenant id.',
    default: 'tenant_id',
  },
};
export const STRIPE_API_KEY_SECRET = { env: 'STRIPE_API_KEY', secret: 'stripe-api-key' } as const;

/** The API version every Backbone Stripe call and fixture is pinned to. */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/**
 * The real `stripe` client. `host`, `port` and `protocol` point it elsewhere than api.stripe.com
 * (tests use a local recording server).
 */
export function createStripeClient(
  secretKey: string,
  endpoint?: { host: string; port: number; protocol: 'http' | 'https' } | string,
): Stripe {
  if (typeof endpoint === 'string') {
    if (!endpoint) return createStripeClient(secretKey);
    const url = new URL(endpoint);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    return createStripeClient(secretKey, {
      host: url.hostname,
      port: Number(url.port || (protocol === 'http' ? 80 : 443)),
      protocol,
    });
  }
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(endpoint ?? {}),
  });
}

export class StripeApiGateway implements StripeGateway {
  constructor(private readonly stripe: Stripe) {}

  async customerTenant(customerId: string, metadataKey: string): Promise<string | undefined> {
    const customer = await this.call('customers.retrieve', () => this.stripe.customers.retrieve(customerId)).catch(
      (error: { statusCode?: number }) => {
        if (error.statusCode === 404) return undefined; // no such customer: no tenant
        throw error;
      },
    );
    if (!customer) return undefined;
    return 'deleted' in customer && customer.deleted
      ? undefined
      : (customer as Stripe.Customer).metadata?.[metadataKey];
  }

  async retrieveEvent(eventId: string): Promise<unknown> {
    return this.call('events.retrieve', () => this.stripe.events.retrieve(eventId));
  }

  async previewPlanChange(change: PlanChange): Promise<PlanChangePreview> {
    const subscription = await this.call('subscriptions.retrieve', () =>
      this.stripe.subscriptions.retrieve(change.subscriptionId),
    );
    const item = subscription.items.data[0]!;
    const preview = await this.call('invoices.createPreview', () =>
      this.stripe.invoices.createPreview({
        customer: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
        subscription: subscription.id,
        subscription_details: {
          items: [{ id: item.id, price: change.priceId }],
          proration_behavior: change.proration,
        },
      }),
    );
    const lines = preview.lines.data.map((line) => ({
      description: line.description,
      amount: line.amount,
      proration: Boolean(
        (line as { parent?: { subscription_item_details?: { proration?: boolean } } }).parent?.subscription_item_details
          ?.proration,
      ),
    }));
    return {
      currency: preview.currency,
      amountDue: preview.amount_due,
      prorationAmount: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0),
      lines,
    };
  }

  async changePlan(change: PlanChange, idempotencyKey: string): Promise<{ status: string; priceId: string }> {
    const subscription = await this.call('subscriptions.retrieve', () =>
      this.stripe.subscriptions.retrieve(change.subscriptionId),
    );
    const item = subscription.items.data[0]!;
    const updated = await this.call('subscriptions.update', () =>
      this.stripe.subscriptions.update(
        subscription.id,
        { items: [{ id: item.id, price: change.priceId }], proration_behavior: change.proration },
        { idempotencyKey },
      ),
    );
    return { status: updated.status, priceId: updated.items.data[0]!.price.id };
  }

  async changePlanAtPeriodEnd(
    change: Omit<PlanChange, 'proration'>,
    idempotencyKey: string,
  ): Promise<{ scheduleId: string; effectiveAt: number }> {
    const schedule = await this.call('subscriptionSchedules.create', () =>
      this.stripe.subscriptionSchedules.create(
        { from_subscription: change.subscriptionId },
        { idempotencyKey: `${idempotencyKey}:schedule` },
      ),
    );
    const current = schedule.phases[0]!;
    await this.call('subscriptionSchedules.update', () =>
      this.stripe.subscriptionSchedules.update(
        schedule.id,
        {
          end_behavior: 'release',
          phases: [
            {
              items: current.items.map((item) => ({
                price: typeof item.price === 'string' ? item.price : item.price.id,
                quantity: item.quantity ?? 1,
              })),
              start_date: current.start_date,
              end_date: current.end_date,
            },
            {
              items: [{ price: change.priceId, quantity: current.items[0]?.quantity ?? 1 }],
              proration_behavior: 'none',
            },
          ],
        },
        { idempotencyKey: `${idempotencyKey}:phases` },
      ),
    );
    return { scheduleId: schedule.id, effectiveAt: current.end_date };
  }

  async cancelSubscription(subscriptionId: string, idempotencyKey: string): Promise<void> {
    await this.call('subscriptions.cancel', () =>
      this.stripe.subscriptions.cancel(subscriptionId, { prorate: true }, { idempotencyKey }),
    );
  }

  async issueCreditNote(
    note: { invoiceId: string; amount: number; memo: string; metadata: Record<string, string> },
    idempotencyKey: string,
  ): Promise<{ creditNoteId: string }> {
    const created = await this.call('creditNotes.create', () =>
      this.stripe.creditNotes.create(
        {
          invoice: note.invoiceId,
          lines: [{ type: 'custom_line_item', description: note.memo, quantity: 1, unit_amount: note.amount }],
          memo: note.memo,
          metadata: note.metadata,
        },
        { idempotencyKey },
      ),
    );
    return { creditNoteId: created.id };
  }

  /** One CLIENT span per Stripe API call (`stripe subscriptions.cancel`), within the caller's trace. */
  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return inSpan(
      `stripe ${operation}`,
      { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'stripe', 'rpc.method': operation } },
      () => this.attempt(fn),
    );
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === undefined || status === 429 || status >= 500)
        throw new TransientError(`Stripe API unavailable (${status ?? 'network'})`, error);
      throw error;
    }
  }
}
