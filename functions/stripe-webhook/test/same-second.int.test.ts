import { systemClock } from '@backbone/shared/core';
import { BILLING_COLLECTIONS, handleStripeEvent } from '@backbone/shared/billing';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import {
  captureLogs,
  RecordingEventPublisher,
  startStripeRecorder,
  stripeFixtures as f,
  emulatorFirestore,
} from '@backbone/shared/testing';

// Stripe's `created` has one-second resolution: a burst puts several events for one object in the
// same second, delivered in any order. Every order must end where Stripe's object ended.
const db = emulatorFirestore();
let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
let deps: Parameters<typeof handleStripeEvent>[0];
const T = 1_764_100_000;

beforeAll(async () => {
  recorder = await startStripeRecorder();
  const stripe = createStripeClient('sk_test_same_second', recorder.endpoint);
  deps = {
    store: new FirestoreBillingStore(db),
    gateway: new StripeApiGateway(stripe),
    publisher: new RecordingEventPublisher(),
    clock: systemClock,
    source: 'backbone/stripe-webhook',
  };
  await handleStripeEvent(
    deps,
    f.event('evt_ss_cus', 'customer.created', f.customer('cus_ss', 'acme'), T - 10),
    captureLogs().logger,
  );
});
afterAll(async () => {
  await recorder.close();
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

type Step = [type: string, status: string];
const SUBSCRIPTION_BURSTS: Array<[string, Step[]]> = [
  [
    'created, updated, deleted',
    [
      ['customer.subscription.created', 'trialing'],
      ['customer.subscription.updated', 'active'],
      ['customer.subscription.deleted', 'canceled'],
    ],
  ],
  [
    'created, then past due',
    [
      ['customer.subscription.created', 'active'],
      ['customer.subscription.updated', 'past_due'],
    ],
  ],
];
const INVOICE_BURSTS: Array<[string, Step[]]> = [
  [
    'finalized, paid',
    [
      ['invoice.finalized', 'open'],
      ['invoice.paid', 'paid'],
    ],
  ],
  [
    'finalized, voided',
    [
      ['invoice.finalized', 'open'],
      ['invoice.voided', 'void'],
    ],
  ],
  [
    'finalized, payment failed, paid',
    [
      ['invoice.finalized', 'open'],
      ['invoice.payment_failed', 'open'],
      ['invoice.paid', 'paid'],
    ],
  ],
];

let n = 0;
const cases = (bursts: Array<[string, Step[]]>) =>
  bursts.flatMap(([name, steps]) =>
    permutations(steps.map((s, i) => [...s, i] as const)).map(
      (order) => [`${name} delivered as ${order.map((o) => o[2]).join('')}`, order, steps.at(-1)![1]] as const,
    ),
  );

/** One Stripe event of `type` about `object`, created at `at` (seconds), applied as the webhook applies it. */
const apply = (event: { id: string; type: string; object: Record<string, unknown>; at: number }) =>
  handleStripeEvent(deps, f.event(event.id, event.type, event.object, event.at), captureLogs().logger);
const storedStatus = async (collection: string, id: string) =>
  (await db.collection(collection).doc(id).get()).get('status') as string;

describe("events of one object in one second converge to Stripe's final state", () => {
  it.each(cases(SUBSCRIPTION_BURSTS))('subscription: %s', async (_name, order, final) => {
    const id = `sub_ss${++n}`;
    for (const [type, status, i] of order)
      await apply({ id: `evt_ss${n}_${i}`, type, object: f.subscription(id, 'cus_ss', { status }), at: T });
    expect(await storedStatus(BILLING_COLLECTIONS.subscriptions, id)).toBe(final);
  });

  it.each(cases(INVOICE_BURSTS))('invoice: %s', async (_name, order, final) => {
    const id = `in_ss${++n}`;
    for (const [type, status, i] of order)
      await apply({ id: `evt_ss${n}_${i}`, type, object: f.invoice(id, 'cus_ss', { status }), at: T });
    expect(await storedStatus(BILLING_COLLECTIONS.invoices, id)).toBe(final);
  });

  it('still orders by second first: an older event further along its lifecycle does not beat a newer one', async () => {
    const id = `sub_ss${++n}`;
    const created = f.subscription(id, 'cus_ss', { status: 'active' });
    await apply({ id: `evt_ss${n}_b`, type: 'customer.subscription.created', object: created, at: T + 5 });
    const pastDue = f.subscription(id, 'cus_ss', { status: 'past_due' });
    await apply({ id: `evt_ss${n}_a`, type: 'customer.subscription.updated', object: pastDue, at: T + 4 });
    expect(await storedStatus(BILLING_COLLECTIONS.subscriptions, id)).toBe('active');
  });
});
