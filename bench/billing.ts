import {
  createHttpHandler,
  createLogger,
  mapWithConcurrency,
  percentile,
  respond,
  TtlCache,
} from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import { serveHttp, stripeFixtures as f } from '@backbone/shared/testing';
import { stripeKnowingCustomers, webhookHandler } from '../functions/stripe-webhook/test/webhook-handler';

export interface BillingResult {
  events: number;
  concurrency: number;
  webhook: { perSecond: number; p50: number; p99: number };
  baseline: { perSecond: number; p50: number; p99: number };
  /** The same history again (fresh ids), 30% of it delivered twice, all of it shuffled. */
  shuffled: {
    deliveries: number;
    duplicates: number;
    /** Deliveries answered `duplicate`: exactly `duplicates` when every event took effect once. */
    answeredDuplicate: number;
    deadLettered: number;
    p50: number;
    p99: number;
    failures: number;
    retried: number;
  };
}

const SECRET = 'whsec_bench';

/** Signed Stripe events for `subscriptions` tenants: a customer, a subscription and its updates, invoices. */
function events(subscriptions: number, run = 'b'): ReturnType<typeof f.event>[] {
  const out: ReturnType<typeof f.event>[] = [];
  for (let s = 0; s < subscriptions; s++) {
    const t = 1_764_000_000 + s * 100;
    out.push(f.event(`evt_${run}${s}_c`, 'customer.created', f.customer(`cus_${run}${s}`, `tenant-${s % 20}`), t));
    out.push(
      f.event(
        `evt_${run}${s}_s`,
        'customer.subscription.created',
        f.subscription(`sub_${run}${s}`, `cus_${run}${s}`, { status: 'trialing' }),
        t + 1,
      ),
    );
    for (let i = 0; i < 6; i++)
      out.push(
        f.event(
          `evt_${run}${s}_u${i}`,
          'customer.subscription.updated',
          f.subscription(`sub_${run}${s}`, `cus_${run}${s}`, { quantity: i + 1 }),
          t + 2 + i,
        ),
      );
    out.push(
      f.event(
        `evt_${run}${s}_i`,
        'invoice.paid',
        f.invoice(`in_${run}${s}`, `cus_${run}${s}`, {
          subscription: `sub_${run}${s}`,
          status: 'paid',
          amountPaid: 499_900,
        }),
        t + 9,
      ),
    );
    out.push(
      f.event(
        `evt_${run}${s}_f`,
        'invoice.finalized',
        f.invoice(`in_${run}${s}x`, `cus_${run}${s}`, { subscription: `sub_${run}${s}` }),
        t + 10,
      ),
    );
  }
  return out;
}

/** Signed events over HTTP (Functions Framework) on loopback against the emulators, vs one transaction per request. */
export async function benchBilling(subscriptions = 100, concurrency = 16): Promise<BillingResult> {
  const db = createFirestore(`demo-bench-billing-${Date.now()}`);
  const logger = createLogger({ service: 'bench', level: 'ERROR' });
  // Shuffled, a subscription's events may come before its customer's: the webhook asks Stripe.
  const { recorder, stripe } = await stripeKnowingCustomers('r', subscriptions, 20);
  const store = new FirestoreBillingStore(db);
  const webhook = await serveHttp(
    'stripeWebhookBench',
    webhookHandler(db, stripe, [SECRET], {
      store,
      customerTenants: new TtlCache<string>(5 * 60_000),
      source: 'bench',
      logger,
    }),
  );
  // Baseline: the same HTTP stack, one Firestore transaction per request (read + write of one document).
  const baseline = await serveHttp(
    'oneTransactionBench',
    createHttpHandler({
      logger,
      routes: [
        {
          method: 'POST',
          path: '/v1/billing/stripe/webhook',
          metered: false,
          handle: async (ctx) => {
            const id = (ctx.body as { id: string }).id;
            const ref = db.collection('bench_baseline').doc(id);
            await db.runTransaction(async (tx) => {
              const snap = await tx.get(ref);
              tx.set(ref, { n: ((snap.get('n') as number | undefined) ?? 0) + 1 });
            });
            return respond.json({ received: true });
          },
        },
      ],
      maxBodyBytes: 512 * 1024,
    }),
  );
  const sign = (list: ReturnType<typeof f.event>[]) =>
    list.map((event) => {
      const payload = JSON.stringify(event);
      return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
    });
  const load = async (base: string, run: string) => {
    const signed = sign(events(subscriptions, run));
    const latencies: number[] = [];
    const started = performance.now();
    // Each subscription's events in order (as Stripe mostly sends them), subscriptions in parallel.
    const bySubscription = new Map<number, typeof signed>();
    signed.forEach((s, i) => {
      const key = Math.floor(i / 10);
      bySubscription.set(key, [...(bySubscription.get(key) ?? []), s]);
    });
    await mapWithConcurrency([...bySubscription.values()], concurrency, async (list) => {
      for (const { payload, signature } of list) {
        const t = performance.now();
        const res = await fetch(`${base}/v1/billing/stripe/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body: payload,
        });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        latencies.push(performance.now() - t);
      }
    });
    return { seconds: (performance.now() - started) / 1000, latencies };
  };
  // ABBA, each pass with ids of its own: neither side gains from going first or from a warmer emulator.
  const passes = [
    await load(baseline.base, 'a'),
    await load(webhook.base, 'b'),
    await load(webhook.base, 'c'),
    await load(baseline.base, 'd'),
  ];
  const summary = (...runs: Array<{ seconds: number; latencies: number[] }>) => {
    const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return {
      perSecond: latencies.length / runs.reduce((sum, r) => sum + r.seconds, 0),
      p50: percentile(latencies, 50)!,
      p99: percentile(latencies, 99)!,
    };
  };
  const base = summary(passes[0]!, passes[3]!);
  const measured = summary(passes[1]!, passes[2]!);
  const signed = { length: subscriptions * 10 };
  const shuffled = await loadShuffled(webhook.base, sign(events(subscriptions, 'r')), concurrency);
  await store.settled();
  await webhook.close();
  await baseline.close();
  await recorder.close();
  await db.terminate();
  return { events: signed.length, concurrency, webhook: measured, baseline: base, shuffled };
}

/**
 * As Stripe delivers under retries: 30% of the events twice, everything in a random order (a
 * seeded shuffle), `concurrency` deliveries in flight; a non-2xx answer is counted and delivered again.
 */
async function loadShuffled(
  base: string,
  signed: { payload: string; signature: string }[],
  concurrency: number,
): Promise<BillingResult['shuffled']> {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const duplicates = signed.filter(() => random() < 0.3);
  const deliveries = [...signed, ...duplicates];
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  const latencies: number[] = [];
  let failures = 0;
  let retried = 0;
  let answeredDuplicate = 0;
  let deadLettered = 0;
  await mapWithConcurrency(deliveries, concurrency, async ({ payload, signature }) => {
    for (let attempt = 1; ; attempt++) {
      const t = performance.now();
      const res = await fetch(`${base}/v1/billing/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
      const body = (await res.json()) as { outcome?: string };
      latencies.push(performance.now() - t);
      if (res.status === 200) {
        if (body.outcome === 'duplicate') answeredDuplicate++;
        if (body.outcome === 'dead-lettered') deadLettered++;
        return;
      }
      if (res.status < 500 || attempt === 5) throw new Error(`webhook answered ${res.status}`);
      failures++;
      if (attempt === 1) retried++;
    }
  });
  latencies.sort((a, b) => a - b);
  return {
    deliveries: deliveries.length,
    duplicates: duplicates.length,
    answeredDuplicate,
    deadLettered,
    p50: percentile(latencies, 50)!,
    p99: percentile(latencies, 99)!,
    failures,
    retried,
  };
}
