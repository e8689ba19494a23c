import {
  billingCollections,
  createStripeClient,
  FirestoreBillingStore,
  StripeApiGateway,
} from '@backbone/shared/billing/gcp';
import {
  invokeHttp,
  RecordingEventPublisher,
  startStripeRecorder,
  stripeFixtures as f,
  emulatorFirestore,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';
import { signedDelivery, webhookHandler } from './webhook-handler';

// Real signatures (the stripe library), the real stripe client pointed at a local recorder, the
// billing store in the Firestore emulator.
const SECRET = 'whsec_test_current';
const OLD_SECRET = 'whsec_test_previous';
const db = emulatorFirestore();
const publisher = new RecordingEventPublisher();
const store = new FirestoreBillingStore(db);
let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
let handler: ReturnType<typeof makeHandler>;
let stripe: ReturnType<typeof createStripeClient>;

beforeAll(async () => {
  recorder = await startStripeRecorder({
    'GET /v1/customers/cus_lookup': f.customer('cus_lookup', 'globex'),
    'GET /v1/customers/cus_orphan': f.customer('cus_orphan'),
  });
  stripe = createStripeClient('sk_test_backbone', recorder.endpoint);
  handler = webhookHandler(db, stripe, [SECRET, OLD_SECRET], { store, publisher });
});
afterAll(async () => {
  await recorder.close();
});

const deliver = (
  event: object,
  options: { secret?: string; timestamp?: number; header?: string | null; body?: string } = {},
) => {
  const payload = options.body ?? JSON.stringify(event);
  const header =
    options.header === null
      ? undefined
      : (options.header ??
        stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? SECRET,
          ...(options.timestamp ? { timestamp: options.timestamp } : {}),
        }));
  return invokeHttp(handler, {
    method: 'POST',
    path: '/v1/billing/stripe/webhook',
    headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) },
    body: payload,
  });
};
/** A signed delivery to another handler than the shared one (another store, gateway or publisher). */
const sendTo = (h: ReturnType<typeof makeHandler>, event: object) =>
  invokeHttp(h, signedDelivery(stripe, event, SECRET));
const outcome = (res: { json(): unknown }) => (res.json() as { outcome: string }).outcome;
const doc = async (collection: string, id: string) => (await db.collection(collection).doc(id).get()).data();
const published = (type: string) => publisher.published.filter((p) => p.event.type === type);

describe('stripe-webhook: signatures', () => {
  const event = f.event('evt_sig_1', 'customer.created', f.customer('cus_sig', 'acme'), 1_764_000_100);

  it.each([
    ['no Stripe-Signature header', { header: null }],
    ['a signature made with another secret', { secret: 'whsec_attacker' }],
    ['a timestamp older than 300 s', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
    [
      'a body changed after signing',
      { header: undefined, body: JSON.stringify({ ...event, type: 'customer.deleted' }) },
    ],
  ])('refuses %s with 400 WEBHOOK-001 and writes nothing', async (_what, options) => {
    const tampered =
      _what === 'a body changed after signing'
        ? stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: SECRET })
        : undefined;
    const res = await deliver(event, { ...options, ...(tampered ? { header: tampered } : {}) });
    expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'WEBHOOK-001']);
    expect(await doc(billingCollections.events, 'evt_sig_1')).toBeUndefined();
  });

  it('accepts the previous secret during a rotation overlap', async () => {
    const res = await deliver(f.event('evt_sig_2', 'customer.created', f.customer('cus_rot', 'acme'), 1_764_000_100), {
      secret: OLD_SECRET,
    });
    expect([res.status, outcome(res)]).toEqual([200, 'applied']);
  });

  it('answers a non-JSON body, an oversized body and a wrong method with 4xx problems', async () => {
    expect((await deliver({}, { body: 'not json' })).status).toBe(400);
    expect((await deliver({}, { body: JSON.stringify({ pad: 'x'.repeat(600 * 1024) }) })).status).toBe(413);
    expect((await invokeHttp(handler, { method: 'GET', path: '/v1/billing/stripe/webhook' })).status).toBe(405);
  });
});

describe('stripe-webhook: exactly once, in order', () => {
  it('applies concurrent duplicates once and announces once', async () => {
    await deliver(f.event('evt_c1', 'customer.created', f.customer('cus_dup', 'acme'), 1_764_000_000));
    const created = f.event(
      'evt_dup_sub',
      'customer.subscription.created',
      f.subscription('sub_dup', 'cus_dup', { status: 'trialing', trialEnd: 1_765_000_000 }),
      1_764_000_200,
    );
    const results = await Promise.all([deliver(created), deliver(created), deliver(created)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map(outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(published('billing.subscription_created').filter((p) => p.event.subject === 'sub_dup')).toHaveLength(1);
    expect(published('billing.trial_started').filter((p) => p.event.subject === 'sub_dup')).toHaveLength(1);
    expect(published('billing.trial_started')[0]).toMatchObject({
      topic: 'billing-events',
      orderingKey: 'sub_dup',
      event: { tenant: 'acme', data: { status: 'trialing', stripeEventId: 'evt_dup_sub' } },
    });
    expect(await doc('billing_subscriptions', 'sub_dup')).toMatchObject({
      tenantId: 'acme',
      status: 'trialing',
      trialEnd: 1_765_000_000,
    });
    expect(await doc(billingCollections.events, 'evt_dup_sub')).toMatchObject({
      status: 'done',
      attempts: 1,
    });
    // Published entries leave the outbox in the background, after the answer.
    await store.settled();
    const left = await db.collection(billingCollections.outbox).where('orderingKey', '==', 'sub_dup').get();
    expect(left.size).toBe(0);
  });

  it('keeps the newest state when an older event arrives last', async () => {
    await deliver(f.event('evt_o1', 'customer.created', f.customer('cus_order', 'acme'), 1_764_000_000));
    const newer = f.event(
      'evt_o3',
      'customer.subscription.updated',
      f.subscription('sub_order', 'cus_order', { status: 'past_due' }),
      1_764_000_300,
    );
    const older = f.event(
      'evt_o2',
      'customer.subscription.updated',
      f.subscription('sub_order', 'cus_order', { status: 'active' }),
      1_764_000_200,
    );
    expect(outcome(await deliver(newer))).toBe('applied');
    expect(outcome(await deliver(older))).toBe('stale');
    expect(await doc(billingCollections.subscriptions, 'sub_order')).toMatchObject({
      status: 'past_due',
      eventId: 'evt_o3',
    });
    expect(published('billing.subscription_updated').filter((p) => p.event.subject === 'sub_order')).toHaveLength(1);
  });

  it('answers shuffled and repeated deliveries of one subscription without contending for its documents', async () => {
    await deliver(f.event('evt_sh0', 'customer.created', f.customer('cus_shuffle', 'acme'), 1_764_000_000));
    const statuses = ['trialing', 'active', 'past_due', 'active', 'canceled'] as const;
    const history = (prefix: string, subscription: string) =>
      statuses.map((status, i) =>
        f.event(
          `${prefix}${i + 1}`,
          i === 0 ? 'customer.subscription.created' : 'customer.subscription.updated',
          f.subscription(subscription, 'cus_shuffle', { status }),
          1_764_000_100 + i,
        ),
      );
    // What the same number of deliveries costs one after another, on this machine now.
    const started = performance.now();
    for (const e of history('evt_sq', 'sub_sequential').flatMap((e) => [e, e, e])) await deliver(e);
    const sequentialMs = performance.now() - started;
    // Every event three times, newest first: one instance gets all 15 at once.
    const deliveries = [...history('evt_sh', 'sub_shuffle')].reverse().flatMap((e) => [e, e, e]);
    const startedAll = performance.now();
    const results = await Promise.all(deliveries.map((e) => deliver(e)));
    const tookMs = performance.now() - startedAll;
    expect(results.map((r) => r.status)).toEqual(deliveries.map(() => 200));
    expect(results.filter((r) => outcome(r) === 'duplicate')).toHaveLength(10);
    expect(await doc(billingCollections.subscriptions, 'sub_shuffle')).toMatchObject({
      status: 'canceled',
      eventId: 'evt_sh5',
    });
    // Queued in the instance they cost what they cost one by one; contending for the documents
    // they took about 4x that (the emulator's lock waits; aborts and retries in production).
    expect(tookMs).toBeLessThan(2 * sequentialMs);
  });

  it('finds the tenant through the Stripe API when the customer is not known yet', async () => {
    const invoice = f.invoice('in_lookup', 'cus_lookup', {
      subscription: 'sub_x',
      status: 'paid',
      amountPaid: 499_900,
    });
    const res = await deliver(f.event('evt_lookup', 'invoice.paid', invoice, 1_764_000_400));
    expect(outcome(res)).toBe('applied');
    expect(recorder.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/customers/cus_lookup' });
    expect(recorder.requests.at(-1)!.headers.authorization).toBe('Bearer sk_test_backbone');
    expect(recorder.requests.at(-1)!.headers['stripe-version']).toBe('2026-10-28.endive');
    expect(await doc(billingCollections.invoices, 'in_lookup')).toMatchObject({
      tenantId: 'globex',
      subscriptionId: 'sub_x',
      hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_test/in_lookup',
      invoicePdf: 'https://pay.stripe.com/invoice/acct_test/in_lookup/pdf',
    });
    expect(published('billing.invoice_paid').map((p) => p.event.subject)).toContain('sub_x');
  });

  it('dead-letters an event whose customer has no tenant, acknowledges it, and stores it masked', async () => {
    const res = await deliver(
      f.event('evt_orphan', 'customer.subscription.created', f.subscription('sub_orphan', 'cus_orphan'), 1_764_000_500),
    );
    expect([res.status, outcome(res)]).toEqual([200, 'dead-lettered']);
    const letter = await doc(billingCollections.deadLetters, 'evt_orphan');
    expect(letter).toMatchObject({
      type: 'customer.subscription.created',
      reason: 'customer cus_orphan has no tenant_id in its metadata',
    });
    expect(await doc(billingCollections.events, 'evt_orphan')).toMatchObject({ status: 'failed' });
    expect(await doc(billingCollections.subscriptions, 'sub_orphan')).toBeUndefined();
  });

  it('dead-letters concurrent repeats of an event it cannot apply once, the others answered duplicate', async () => {
    const orphan = f.event(
      'evt_orphan_x3',
      'customer.subscription.created',
      f.subscription('sub_orphan3', 'cus_orphan'),
      1_764_000_510,
    );
    const results = await Promise.all([deliver(orphan), deliver(orphan), deliver(orphan)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map(outcome).sort()).toEqual(['dead-lettered', 'duplicate', 'duplicate']);
    expect(await doc(billingCollections.events, 'evt_orphan_x3')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('links a completed checkout to its tenant and announces it for the provisioning saga', async () => {
    const session = {
      id: 'cs_test_1',
      object: 'checkout.session',
      customer: 'cus_checkout',
      subscription: 'sub_checkout',
      client_reference_id: null,
      metadata: { tenant_id: 'globex' },
      mode: 'subscription',
      status: 'complete',
    };
    expect(outcome(await deliver(f.event('evt_checkout', 'checkout.session.completed', session, 1_764_000_550)))).toBe(
      'applied',
    );
    expect(await doc(billingCollections.customers, 'cus_checkout')).toMatchObject({
      tenantId: 'globex',
      subscriptionId: 'sub_checkout',
    });
    expect(published('billing.checkout_completed').at(-1)).toMatchObject({
      orderingKey: 'sub_checkout',
      event: { tenant: 'globex', data: { checkoutSessionId: 'cs_test_1', subscriptionId: 'sub_checkout' } },
    });
  });

  it('records and acknowledges event types it does not apply', async () => {
    const res = await deliver(f.event('evt_unknown', 'payout.paid', { id: 'po_1', object: 'payout' }, 1_764_000_600));
    expect([res.status, outcome(res)]).toEqual([200, 'ignored']);
    expect(await doc(billingCollections.events, 'evt_unknown')).toMatchObject({
      status: 'ignored',
      type: 'payout.paid',
    });
  });

  it('answers 5xx on a transient failure, so Stripe retries, and applies on the retry', async () => {
    recorder.routes['GET /v1/customers/cus_flaky'] = undefined;
    const flaky = new FirestoreBillingStore(db);
    const failing = webhookHandler(db, stripe, [SECRET], {
      store: flaky,
      gateway: Object.assign(new StripeApiGateway(stripe), {
        customerTenant: async () => {
          throw Object.assign(new Error('Stripe unreachable'), { name: 'TransientError' });
        },
      }),
      publisher,
    });
    const event = f.event('evt_flaky', 'invoice.finalized', f.invoice('in_flaky', 'cus_flaky'), 1_764_000_700);
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const first = await invokeHttp(failing, {
      method: 'POST',
      path: '/v1/billing/stripe/webhook',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: payload,
    });
    expect(first.status).toBe(503);
    expect(await doc(billingCollections.events, 'evt_flaky')).toMatchObject({
      status: 'received',
      attempts: 1,
    });
    recorder.routes['GET /v1/customers/cus_flaky'] = f.customer('cus_flaky', 'initech');
    const retry = await deliver(event);
    expect(outcome(retry)).toBe('applied');
    expect(await doc(billingCollections.events, 'evt_flaky')).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('a validly signed payload that is not a Stripe event', () => {
  const realEvent = (id: string) => f.event(id, 'customer.created', f.customer('cus_shape', 'acme'), 1_764_300_000);
  it.each([
    ['an array', []],
    ['an empty object', {}],
    ['a numeric id', { id: 5 }],
    ['an id that is a path', realEvent('evt_x/a/b')],
    ['an id with ..', realEvent('evt_..')],
    ['an id over the key limit', realEvent(`evt_${'a'.repeat(2000)}`)],
    ['a null', null],
  ])('answers %s with a 400 problem, records it, and writes no nested document', async (_what, payload) => {
    const before = (await db.collection(billingCollections.deadLetters).get()).size;
    const res = await deliver(payload as object);
    expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'EVENT-001']);
    const letters = await db.collection(billingCollections.deadLetters).get();
    expect(letters.size).toBe(before + 1);
    expect(letters.docs.every((d) => /^(evt|malformed)_[A-Za-z0-9_]+$/.test(d.id))).toBe(true);
    expect((await db.collection('stripe_events').doc('evt_x').collection('a').get()).size).toBe(0);
    // Stripe's retry of the same payload lands on the same record.
    await deliver(payload as object);
    expect((await db.collection(billingCollections.deadLetters).get()).size).toBe(before + 1);
  });
});

describe('the tenant an event belongs to', () => {
  const withKey = (key: string) => webhookHandler(db, stripe, [SECRET], { publisher, tenantMetadataKey: key });

  it("is read from the subscription's own metadata under the configured key", async () => {
    const sub = { ...f.subscription('sub_meta1', 'cus_nometa'), metadata: { org: 'initech' } };
    const res = await sendTo(withKey('org'), f.event('evt_meta1', 'customer.subscription.created', sub, 1_764_400_000));
    expect(outcome(res)).toBe('applied');
    expect((await doc(billingCollections.subscriptions, 'sub_meta1'))?.tenantId).toBe('initech');
  });

  it.each([['Acme Corp'], ['acme/../globex'], ['x'.repeat(64)]])(
    'dead-letters a tenant id that is not in the tenant format (%s), never writing it',
    async (tenant) => {
      const id = `evt_badtenant${tenant.length}`;
      const customer = { ...f.customer(`cus_bad${tenant.length}`), metadata: { tenant_id: tenant } };
      const res = await sendTo(withKey('tenant_id'), f.event(id, 'customer.created', customer, 1_764_400_100));
      expect([res.status, outcome(res)]).toEqual([200, 'dead-lettered']);
      expect(await doc(billingCollections.customers, customer.id)).toBeUndefined();
      expect((await doc(billingCollections.deadLetters, id))?.reason).toContain('not a tenant id');
    },
  );
});

describe('published outbox entries', () => {
  it("leave with the instance's next apply transaction, with no delete of their own", async () => {
    const patient = new FirestoreBillingStore(db, { flushPublishedAfterMs: 60_000 });
    const h = webhookHandler(db, stripe, [SECRET], { store: patient, publisher });
    const send = (event: object) => sendTo(h, event);
    const entries = async (subject: string) =>
      (await db.collection(billingCollections.outbox).where('orderingKey', '==', subject).get()).size;
    await send(f.event('evt_carry0', 'customer.created', f.customer('cus_carry', 'acme'), 1_764_600_000));
    await send(
      f.event(
        'evt_carry1',
        'customer.subscription.created',
        f.subscription('sub_carry', 'cus_carry', { status: 'active' }),
        1_764_600_001,
      ),
    );
    expect(published('billing.subscription_created').some((p) => p.event.subject === 'sub_carry')).toBe(true);
    expect(await entries('sub_carry')).toBeGreaterThan(0);
    await send(
      f.event(
        'evt_carry2',
        'customer.subscription.updated',
        f.subscription('sub_carry', 'cus_carry', { status: 'active', quantity: 2 }),
        1_764_600_002,
      ),
    );
    expect(await entries('sub_carry')).toBe(1); // only what the last event published
    await patient.settled();
    expect(await entries('sub_carry')).toBe(0);
  });
});

describe('a delivery that died between its commit and its publish', () => {
  it('is a duplicate when Stripe redelivers, and its events are published once by the sweep', async () => {
    const brokerDown = new RecordingEventPublisher();
    brokerDown.failNext();
    const dying = webhookHandler(db, stripe, [SECRET], { publisher: brokerDown });
    const event = f.event(
      'evt_crash1',
      'customer.subscription.created',
      f.subscription('sub_crash1', 'cus_crash1', { status: 'active' }),
      1_764_500_000,
    );
    await deliver(f.event('evt_crash0', 'customer.created', f.customer('cus_crash1', 'acme'), 1_764_499_000));
    const first = await sendTo(dying, event);
    // Committed: Stripe is told so, and the announcement waits in the outbox.
    expect([first.status, outcome(first)]).toEqual([200, 'applied']);
    expect(brokerDown.published).toHaveLength(0);
    const waiting = await db.collection(billingCollections.outbox).where('orderingKey', '==', 'sub_crash1').get();
    expect(waiting.size).toBe(1);

    const again = await deliver(event);
    expect(outcome(again)).toBe('duplicate');
    expect(await doc(billingCollections.events, 'evt_crash1')).toMatchObject({ status: 'done', attempts: 1 });

    // The sweep takes entries older than 30 s: age this one as the minute would.
    await waiting.docs[0]!.ref.update({ at: new Date(Date.now() - 60_000) });
    const sweeper = new RecordingEventPublisher();
    const swept = await new FirestoreBillingStore(db).drainOutbox(sweeper, new Date());
    expect(swept).toBe(1);
    expect(sweeper.published.map((p) => [p.event.type, p.orderingKey])).toEqual([
      ['billing.subscription_created', 'sub_crash1'],
    ]);
    expect(await new FirestoreBillingStore(db).drainOutbox(new RecordingEventPublisher(), new Date())).toBe(0);
  });
});
