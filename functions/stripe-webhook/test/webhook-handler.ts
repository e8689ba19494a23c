import type { Firestore } from '@google-cloud/firestore';
import type Stripe from 'stripe';
import { systemClock } from '@backbone/shared/core';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { captureLogs, RecordingEventPublisher, startStripeRecorder, stripeFixtures } from '@backbone/shared/testing';
import { StaticWebhookSecrets } from '../adapters/webhook-secrets';
import { makeHandler, type WebhookDeps } from '../handler';

/** The webhook as deployed (Firestore store, real Stripe client), with what a test changes. */
export function webhookHandler(
  db: Firestore,
  stripe: Stripe,
  secrets: string[],
  overrides: Partial<WebhookDeps> = {},
): ReturnType<typeof makeHandler> {
  return makeHandler({
    stripe,
    secrets: new StaticWebhookSecrets(secrets),
    store: new FirestoreBillingStore(db),
    gateway: new StripeApiGateway(stripe),
    publisher: new RecordingEventPublisher(),
    clock: systemClock,
    source: 'backbone/stripe-webhook',
    logger: captureLogs().logger,
    ...overrides,
  });
}

/** A delivery as Stripe makes it: the event's JSON, signed with `secret`, with any other headers. */
export function signedDelivery(stripe: Stripe, event: object, secret: string, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return {
    method: 'POST',
    path: '/v1/billing/stripe/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature, ...headers },
    body: payload,
  };
}

/**
 * A recorded Stripe API that knows `count` customers `cus_<prefix><i>` (of tenant `tenant-<i % tenants>`),
 * for deliveries that reach a subscription before its customer; and a real Stripe client on it.
 */
export async function stripeKnowingCustomers(prefix: string, count: number, tenants: number) {
  const customers = Array.from({ length: count }, (_, s) => [
    `GET /v1/customers/cus_${prefix}${s}`,
    stripeFixtures.customer(`cus_${prefix}${s}`, `tenant-${s % tenants}`),
  ]);
  const recorder = await startStripeRecorder(Object.fromEntries(customers));
  return { recorder, stripe: createStripeClient(`sk_test_${prefix}`, recorder.endpoint) };
}
