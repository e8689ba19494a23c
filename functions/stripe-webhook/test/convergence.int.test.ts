import { mapWithConcurrency } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { BILLING_COLLECTIONS } from '@backbone/shared/billing';
import { invokeHttp, RecordingEventPublisher, stripeFixtures as f, uniqueProjectId } from '@backbone/shared/testing';
import { signedDelivery, stripeKnowingCustomers, webhookHandler } from './webhook-handler';

// 1,000 events for 50 subscriptions, 30% delivered twice, shuffled and delivered 8 at a time,
// must end in the state in-order delivery gives, with each domain event published once.
const SECRET = 'whsec_convergence';
const SUBSCRIPTIONS = Number(process.env.CONVERGENCE_SUBSCRIPTIONS ?? 50);
const STATUSES = ['trialing', 'active', 'past_due', 'active', 'paused', 'active'] as const;

function history() {
  const events: ReturnType<typeof f.event>[] = [];
  for (let s = 0; s < SUBSCRIPTIONS; s++) {
    const customer = `cus_conv${s}`;
    const sub = `sub_conv${s}`;
    const t0 = 1_764_000_000 + s * 100;
    events.push(f.event(`evt_conv${s}_c`, 'customer.created', f.customer(customer, `tenant-${s % 7}`), t0));
    events.push(
      f.event(
        `evt_conv${s}_0`,
        'customer.subscription.created',
        f.subscription(sub, customer, { status: 'trialing', trialEnd: t0 + 1_209_600 }),
        t0 + 1,
      ),
    );
    for (let i = 1; i < 19; i++)
      events.push(
        f.event(
          `evt_conv${s}_${i}`,
          'customer.subscription.updated',
          f.subscription(sub, customer, {
            status: STATUSES[i % STATUSES.length],
            quantity: i,
            price: i > 9 ? 'price_scale' : 'price_growth',
          }),
          t0 + 1 + i,
        ),
      );
  }
  return events;
}

async function setup() {
  const db = createFirestore(uniqueProjectId());
  const { recorder, stripe } = await stripeKnowingCustomers('conv', SUBSCRIPTIONS, 7);
  const publisher = new RecordingEventPublisher();
  const handler = webhookHandler(db, stripe, [SECRET], { publisher });
  // As Stripe does: a non-2xx answer is delivered again later.
  const deliver = async (event: object): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const res = await invokeHttp(handler, signedDelivery(stripe, event, SECRET));
      if (res.status === 200) return;
      if (res.status < 500 || attempt === 25) throw new Error(`delivery answered ${res.status}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  };
  const subscriptions = async () =>
    Object.fromEntries(
      (await db.collection(BILLING_COLLECTIONS.subscriptions).get()).docs.map((d) => [d.id, d.data()]),
    );
  return { db, recorder, publisher, deliver, subscriptions };
}

it('converges under duplicates, reordering and concurrency to the in-order state, every effect once', async () => {
  const events = history();
  expect(events).toHaveLength(SUBSCRIPTIONS * 20);

  const inOrder = await setup();
  for (const event of events) await inOrder.deliver(event);

  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const deliveries = [...events, ...events.filter(() => random() < 0.3)];
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  expect(deliveries.length).toBeGreaterThan(SUBSCRIPTIONS * 25);
  const chaos = await setup();
  await mapWithConcurrency(deliveries, 8, (event) => chaos.deliver(event));

  expect(await chaos.subscriptions()).toEqual(await inOrder.subscriptions());
  const final = (await chaos.subscriptions())['sub_conv3'];
  expect(final).toMatchObject({
    status: STATUSES[18 % STATUSES.length],
    quantity: 18,
    priceId: 'price_scale',
    eventId: 'evt_conv3_18',
  });
  const ids = chaos.publisher.published.map((p) => p.event.id);
  expect(new Set(ids).size).toBe(ids.length); // no domain event published twice
  expect(chaos.publisher.published.filter((p) => p.event.type === 'billing.subscription_created')).toHaveLength(
    SUBSCRIPTIONS,
  );
  const done = await chaos.db.collection('stripe_events').where('status', '==', 'done').count().get();
  expect(done.data().count).toBe(SUBSCRIPTIONS * 20);

  for (const run of [inOrder, chaos]) {
    await run.recorder.close();
    await run.db.terminate();
  }
}, 240_000);
