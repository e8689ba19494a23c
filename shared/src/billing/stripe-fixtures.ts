import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stripe-shaped objects and events (API version 2026-10-28.endive) for tests and the benchmark:
 * the fields Stripe sends, not only the ones Backbone reads.
 */
export const stripeFixtures = {
  customer: (id: string, tenantId?: string) => ({
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: 1_764_000_000,
    currency: 'inr',
    email: `billing@${id}.example`,
    livemode: false,
    metadata: tenantId ? { tenant_id: tenantId } : {},
    name: `Customer ${id}`,
  }),
  subscription: (
    id: string,
    customer: string,
    options: {
      status?: string;
      price?: string;
      quantity?: number;
      trialEnd?: number | null;
      cancelAtPeriodEnd?: boolean;
    } = {},
  ) => ({
    id,
    object: 'subscription',
    billing_cycle_anchor: 1_764_000_000,
    cancel_at_period_end: options.cancelAtPeriodEnd ?? false,
    collection_method: 'charge_automatically',
    created: 1_764_000_000,
    currency: 'inr',
    customer,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${id.slice(4)}`,
          object: 'subscription_item',
          current_period_start: 1_764_000_000,
          current_period_end: 1_766_592_000,
          price: {
            id: options.price ?? 'price_growth',
            object: 'price',
            currency: 'inr',
            unit_amount: 499_900,
          },
          quantity: options.quantity ?? 1,
        },
      ],
      has_more: false,
    },
    livemode: false,
    metadata: {},
    status: options.status ?? 'active',
    trial_end: options.trialEnd ?? null,
  }),
  invoice: (
    id: string,
    customer: string,
    options: {
      subscription?: string;
      status?: string;
      amountDue?: number;
      amountPaid?: number;
      created?: number;
    } = {},
  ) => ({
    id,
    object: 'invoice',
    amount_due: options.amountDue ?? 499_900,
    amount_paid: options.amountPaid ?? 0,
    amount_remaining: (options.amountDue ?? 499_900) - (options.amountPaid ?? 0),
    created: options.created ?? 1_764_000_000,
    currency: 'inr',
    customer,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_test/${id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_test/${id}/pdf`,
    livemode: false,
    number: `BB-${id.slice(3, 9).toUpperCase()}`,
    parent: options.subscription
      ? {
          type: 'subscription_details',
          subscription_details: { subscription: options.subscription, metadata: {} },
        }
      : null,
    status: options.status ?? 'open',
  }),
  event: (id: string, type: string, object: Record<string, unknown>, created: number) => ({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  }),
};

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local stand-in for api.stripe.com that the real `stripe` client is pointed at (host, port,
 * protocol): it answers from `routes` (`GET /v1/customers/cus_1` -> object) and records every request.
 */
export async function startStripeRecorder(routes: Record<string, unknown> = {}): Promise<{
  endpoint: { host: string; port: number; protocol: 'http' };
  requests: RecordedStripeRequest[];
  routes: Record<string, unknown>;
  close(): Promise<void>;
}> {
  const requests: RecordedStripeRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const answer = routes[`${req.method} ${path}`];
      res.writeHead(answer === undefined ? 404 : 200, {
        'content-type': 'application/json',
        'request-id': `req_${requests.length}`,
      });
      res.end(
        JSON.stringify(
          answer ?? {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              message: `No such resource: ${path}`,
            },
          },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
    requests,
    routes,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
