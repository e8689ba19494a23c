import {
  createFirestore,
  createHttpHandler,
  createLogger,
  createStripeClient,
  FirestoreBillingStore,
  mapWithConcurrency,
  percentile,
  respond,
  StaticWebhookSecrets,
  StripeApiGateway,
  systemClock,
} from '@backbone/shared';
import {
  RecordingEventPublisher,
  serveHttp,
  startStripeRecorder,
  stripeFixtures as f,
} from '@backbone/shared/testing';
import { makeHandler } from '../functions/stripe-webhook/handler';

export interface BillingResult {
  events: number;
  concurrency: number;
  webhook: { perSecond: number; p50: number; p99: number };
  baseline: { perSecond: number; p50: number; p99: number };
}

const SECRET = 'whsec_bench';

/** Signed Stripe events for `subscriptions` tenants: a customer, a subscription and its updates, invoices. */
function events(subscriptions: number): ReturnType<typeof f.event>[] {
  const out: ReturnType<typeof f.event>[] = [];
  for (let s = 0; s < subscriptions; s++) {
    const t = 1_764_000_000 + s * 100;
    out.push(f.event(`evt_b${s}_c`, 'customer.created', f.customer(`cus_b${s}`, `tenant-${s % 20}`), t));
    out.push(
      f.event(
        `evt_b${s}_s`,
        'customer.subscription.created',
        f.subscription(`sub_b${s}`, `cus_b${s}`, { status: 'trialing' }),
        t + 1,
      ),
    );
    for (let i = 0; i < 6; i++)
      out.push(
        f.event(
          `evt_b${s}_u${i}`,
          'customer.subscription.updated',
          f.subscription(`sub_b${s}`, `cus_b${s}`, { quantity: i + 1 }),
          t + 2 + i,
        ),
      );
    out.push(
      f.event(
        `evt_b${s}_i`,
        'invoice.paid',
        f.invoice(`in_b${s}`, `cus_b${s}`, {
          subscription: `sub_b${s}`,
          status: 'paid',
          amountPaid: 499_900,
        }),
        t + 9,
      ),
    );
    out.push(
      f.event(
        `evt_b${s}_f`,
        'invoice.finalized',
        f.invoice(`in_b${s}x`, `cus_b${s}`, { subscription: `sub_b${s}` }),
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
  const recorder = await startStripeRecorder();
  const stripe = createStripeClient('sk_test_bench', recorder.endpoint);
  const webhook = await serveHttp(
    'stripeWebhookBench',
    makeHandler({
      stripe,
      secrets: new StaticWebhookSecrets([SECRET]),
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher: new RecordingEventPublisher(),
      clock: systemClock,
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
  const all = events(subscriptions);
  const signed = all.map((event) => {
    const payload = JSON.stringify(event);
    return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
  });
  const load = async (base: string) => {
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
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: signed.length / seconds,
      p50: percentile(latencies, 50)!,
      p99: percentile(latencies, 99)!,
    };
  };
  const base = await load(baseline.base);
  const measured = await load(webhook.base);
  await webhook.close();
  await baseline.close();
  await recorder.close();
  await db.terminate();
  return { events: signed.length, concurrency, webhook: measured, baseline: base };
}
