import { systemClock, type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { handleStripeEvent } from '@backbone/shared/billing';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import {
  captureLogs,
  invokeHttp,
  MemoryAuditLog,
  RecordingEventPublisher,
  startStripeRecorder,
  StaticAuthenticator,
  stripeFixtures as f,
  emulatorFirestore,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const db = emulatorFirestore();
const callers: Record<string, Caller> = {
  acme: { kind: 'user', uid: 'a', portal: 'CP', tenant: 'acme', roles: ['billing_admin'] },
  acmeMember: { kind: 'user', uid: 'am', portal: 'CP', tenant: 'acme', roles: [] },
  acmeKey: { kind: 'client', keyId: 'k', tenant: 'acme', scopes: ['billing:read'] },
  finance: { kind: 'user', uid: 'f', portal: 'PP', tenant: 'platform', roles: ['finance_analyst'] },
  support: { kind: 'user', uid: 's', portal: 'PP', tenant: 'platform', roles: ['support_agent'] },
  globexUser: { kind: 'user', uid: 'g', portal: 'CP', tenant: 'globex', roles: [] },
};
let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
let as: (who: string | undefined, method: string, path: string) => ReturnType<typeof invokeHttp>;
let deps: Parameters<typeof makeHandler>[0];
let invokeHttpWith: (
  who: string,
  path: string,
  body: object,
  headers: Record<string, string>,
) => ReturnType<typeof invokeHttp>;

beforeAll(async () => {
  recorder = await startStripeRecorder({ 'GET /v1/customers/cus_acme': f.customer('cus_acme', 'acme') });
  const stripe = createStripeClient('sk_test_billing_api', recorder.endpoint);
  deps = {
    store: new FirestoreBillingStore(db),
    gateway: new StripeApiGateway(stripe),
    publisher: new RecordingEventPublisher(),
    holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
    audit: new MemoryAuditLog(),
    clock: systemClock,
    source: 'backbone/billing-api',
    logger: captureLogs().logger,
    planRanks: { price_starter: 1, price_growth: 2, price_scale: 3 },
  };
  const handler = makeHandler(deps, {
    declared: declaredRoutes(manifest),
    authenticator: new StaticAuthenticator(callers),
  });
  as = (who, method, path) =>
    invokeHttp(handler, { method, path, headers: who ? { authorization: `Bearer ${who}` } : {} });
  invokeHttpWith = (who, path, body, headers) =>
    invokeHttp(handler, {
      method: 'POST',
      path,
      body,
      headers: { authorization: `Bearer ${who}`, ...headers },
    });
  for (let i = 0; i < 5; i++)
    await handleStripeEvent(
      deps,
      f.event(
        `evt_inv${i}`,
        'invoice.finalized',
        f.invoice(`in_acme${i}`, 'cus_acme', { created: 1_764_000_000 + i }),
        1_764_000_000 + i,
      ),
      captureLogs().logger,
    );
});
afterAll(async () => {
  await recorder.close();
});

describe('GET /v1/billing/invoices (000#38)', () => {
  it("pages a tenant's invoices, newest first, with their hosted and PDF links", async () => {
    const first = (await as('acme', 'GET', '/v1/billing/invoices?limit=2')).json() as {
      invoices: { invoiceId: string; hostedInvoiceUrl: string; invoicePdf: string }[];
      next: string;
    };
    expect(first.invoices.map((i) => i.invoiceId)).toEqual(['in_acme4', 'in_acme3']);
    expect(first.invoices[0]).toMatchObject({
      hostedInvoiceUrl: expect.stringContaining('invoice.stripe.com'),
      invoicePdf: expect.stringContaining('/pdf'),
    });
    const second = (await as('acmeKey', 'GET', `/v1/billing/invoices?limit=2&after=${first.next}`)).json() as {
      invoices: { invoiceId: string }[];
      next: string;
    };
    expect(second.invoices.map((i) => i.invoiceId)).toEqual(['in_acme2', 'in_acme1']);
    const last = (await as('acme', 'GET', `/v1/billing/invoices?limit=2&after=${second.next}`)).json() as {
      invoices: { invoiceId: string }[];
      next: string | null;
    };
    expect([last.invoices.map((i) => i.invoiceId), last.next]).toEqual([['in_acme0'], null]);
  });

  it.each([
    ["another tenant's invoices", 'acme', '/v1/billing/invoices?tenant=globex', 400],
    ['a forged cursor', 'acme', '/v1/billing/invoices?after=bm90LWEtY3Vyc29y', 400],
    ['staff without naming the tenant', 'finance', '/v1/billing/invoices', 400],
    ['anonymous', undefined, '/v1/billing/invoices', 401],
  ])('refuses %s', async (_what, who, path, status) => {
    expect((await as(who, 'GET', path)).status).toBe(status);
  });

  it('lets finance staff read a named tenant by policy', async () => {
    const res = await as('finance', 'GET', '/v1/billing/invoices?tenant=acme&limit=1');
    expect((res.json() as { invoices: unknown[] }).invoices).toHaveLength(1);
  });
});

describe('dead letters and replay (000#7)', () => {
  it('lists a dead-lettered event and replays it from Stripe once its cause is fixed', async () => {
    const event = f.event(
      'evt_dead1',
      'customer.subscription.created',
      f.subscription('sub_dead', 'cus_unknown'),
      1_764_000_900,
    );
    expect(await handleStripeEvent(deps, event, captureLogs().logger)).toBe('dead-lettered');
    // Support staff view billing but may not read customers' dead letters; finance may.
    expect((await as('support', 'GET', '/v1/billing/dead-letters')).status).toBe(403);
    const listed = (await as('finance', 'GET', '/v1/billing/dead-letters')).json() as {
      deadLetters: { eventId: string; reason: string }[];
    };
    expect(listed.deadLetters).toEqual([
      expect.objectContaining({
        eventId: 'evt_dead1',
        reason: 'customer cus_unknown has no tenant_id in its metadata',
      }),
    ]);

    expect((await as('support', 'POST', '/v1/billing/dead-letters/evt_dead1/replay')).status).toBe(403);
    recorder.routes['GET /v1/customers/cus_unknown'] = f.customer('cus_unknown', 'initech');
    recorder.routes['GET /v1/events/evt_dead1'] = event;
    const replay = await as('finance', 'POST', '/v1/billing/dead-letters/evt_dead1/replay');
    expect(replay.json()).toEqual({ eventId: 'evt_dead1', outcome: 'applied' });
    expect(recorder.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/events/evt_dead1');
    expect((await db.collection('billing_subscriptions').doc('sub_dead').get()).get('tenantId')).toBe('initech');
    expect((await as('finance', 'POST', '/v1/billing/dead-letters/evt_none/replay')).status).toBe(404);
  });
});

describe('plan changes with proration (000#29)', () => {
  beforeAll(async () => {
    await handleStripeEvent(
      deps,
      f.event('evt_plan_sub', 'customer.subscription.created', f.subscription('sub_plan', 'cus_acme'), 1_764_001_000),
      captureLogs().logger,
    );
    recorder.routes['GET /v1/subscriptions/sub_plan'] = f.subscription('sub_plan', 'cus_acme');
    recorder.routes['POST /v1/invoices/create_preview'] = {
      object: 'invoice',
      currency: 'inr',
      amount_due: 250_000,
      lines: {
        object: 'list',
        data: [
          {
            object: 'line_item',
            description: 'Unused time on Growth',
            amount: -249_950,
            parent: { subscription_item_details: { proration: true } },
          },
          {
            object: 'line_item',
            description: 'Remaining time on Scale',
            amount: 499_950,
            parent: { subscription_item_details: { proration: true } },
          },
        ],
      },
    };
    recorder.routes['POST /v1/subscriptions/sub_plan'] = f.subscription('sub_plan', 'cus_acme', {
      price: 'price_scale',
    });
  });
  const post = (who: string, path: string, body: object, headers: Record<string, string> = {}) =>
    invokeHttpWith(who, path, body, headers);

  it('previews an upgrade as the policy will apply it: now, the difference invoiced at once', async () => {
    const res = await post('acme', '/v1/billing/subscriptions/sub_plan/plan-change/preview', {
      priceId: 'price_scale',
    });
    expect(res.json()).toEqual({
      direction: 'upgrade',
      effective: 'now',
      proration: 'always_invoice',
      currency: 'inr',
      amountDue: 250_000,
      prorationAmount: 250_000,
      lines: [
        { description: 'Unused time on Growth', amount: -249_950, proration: true },
        { description: 'Remaining time on Scale', amount: 499_950, proration: true },
      ],
    });
    const preview = recorder.requests.find((r) => r.path === '/v1/invoices/create_preview')!;
    expect(decodeURIComponent(preview.body)).toContain('subscription_details[items][0][price]=price_scale');
    expect(decodeURIComponent(preview.body)).toContain('subscription_details[proration_behavior]=always_invoice');
  });

  /** acme's billing admin moves sub_plan to `priceId`. */
  const PLAN_CHANGE = '/v1/billing/subscriptions/sub_plan/plan-change';
  const changePlan = (priceId: string, key: string) =>
    post('acme', PLAN_CHANGE, { priceId }, { 'idempotency-key': key });

  it('applies an upgrade once per Idempotency-Key, with Stripe told the same key', async () => {
    const res = await changePlan('price_scale', 'change-42-abc');
    expect([res.status, res.json()]).toEqual([
      202,
      {
        subscriptionId: 'sub_plan',
        direction: 'upgrade',
        effective: 'now',
        proration: 'always_invoice',
        status: 'active',
        priceId: 'price_scale',
      },
    ]);
    expect((deps.audit as MemoryAuditLog).entries.at(-1)).toMatchObject({
      action: 'governance.update',
      outcome: 'allow',
      target: { type: 'Subscription', id: 'sub_plan' },
      details: { reasons: ['billing-admin-changes-own-plan'], from: 'price_growth', priceId: 'price_scale' },
    });
    const update = recorder.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/subscriptions/sub_plan')
      .at(-1)!;
    expect(update.headers['idempotency-key']).toBe('plan-change:sub_plan:change-42-abc');
    expect(decodeURIComponent(update.body)).toContain('proration_behavior=always_invoice');
    expect(decodeURIComponent(update.body)).toContain('items[0][price]=price_scale');
  });

  it('schedules a downgrade for the end of the period, without proration', async () => {
    recorder.routes['POST /v1/subscription_schedules'] = {
      id: 'sub_sched_1',
      object: 'subscription_schedule',
      phases: [
        {
          items: [{ price: 'price_growth', quantity: 1 }],
          start_date: 1_764_000_000,
          end_date: 1_766_592_000,
        },
      ],
    };
    recorder.routes['POST /v1/subscription_schedules/sub_sched_1'] = {
      id: 'sub_sched_1',
      object: 'subscription_schedule',
      phases: [],
    };
    const res = await changePlan('price_starter', 'later-77-xyz');
    expect([res.status, res.json()]).toEqual([
      202,
      {
        subscriptionId: 'sub_plan',
        direction: 'downgrade',
        effective: 'period_end',
        proration: 'none',
        scheduleId: 'sub_sched_1',
        effectiveAt: 1_766_592_000,
      },
    ]);
    const [create, update] = recorder.requests.filter((r) => r.path.startsWith('/v1/subscription_schedules'));
    expect(create!.headers['idempotency-key']).toBe('plan-change:sub_plan:later-77-xyz:schedule');
    expect(decodeURIComponent(create!.body)).toContain('from_subscription=sub_plan');
    expect(update!.headers['idempotency-key']).toBe('plan-change:sub_plan:later-77-xyz:phases');
    const phases = decodeURIComponent(update!.body);
    expect(phases).toContain('phases[1][items][0][price]=price_starter');
    expect(phases).toContain('phases[0][end_date]=1766592000');
    expect(phases).toContain('end_behavior=release');
  });

  const KEY = { 'idempotency-key': 'refused-123' };
  it.each([
    ["another tenant's subscription", 'globexUser', { priceId: 'price_scale' }, KEY, 404, 'REQ-003'],
    ['no Idempotency-Key', 'acme', { priceId: 'price_scale' }, {}, 400, 'REQ-001'],
    ['a member who is not a billing admin', 'acmeMember', { priceId: 'price_scale' }, KEY, 403, 'POLICY-001'],
    ['a price outside the plan catalog', 'acme', { priceId: 'price_secret_1usd' }, KEY, 400, 'REQ-001'],
    ['the price it is on already', 'acme', { priceId: 'price_growth' }, KEY, 409, 'REQ-008'],
    ['a caller-chosen proration', 'acme', { priceId: 'price_scale', proration: 'none' }, KEY, 400, 'REQ-001'],
    ['a caller-chosen start', 'acme', { priceId: 'price_scale', effective: 'period_end' }, KEY, 400, 'REQ-001'],
  ])('refuses %s, and asks Stripe nothing', async (_what, who, body, headers, status, code) => {
    const before = recorder.requests.length;
    const res = await post(who, PLAN_CHANGE, body, headers);
    expect([res.status, (res.json() as { code: string }).code]).toEqual([status, code]);
    expect(recorder.requests.length).toBe(before);
  });
});
