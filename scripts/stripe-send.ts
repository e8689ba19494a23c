// `npm run stripe:send -- <type> [tenant]`: signs a Stripe-shaped demo event with the local signing
// secret and posts it to the running stripe-webhook, as Stripe would (also: `stripe listen` can
// forward real test-mode events to the same URL with the same secret).
import './local/text-modules';
import { createStripeClient } from '@backbone/shared/billing/gcp';
import { stripeFixtures as f } from '@backbone/shared/testing';
import { LOCAL_STRIPE_KEY, LOCAL_WEBHOOK_SECRET } from './local/demo-billing';
import { runningEndpoints } from './local/endpoints';

const objects: Record<string, (customer: string) => Record<string, unknown>> = {
  'customer.created': (c) => f.customer(c, c.slice(4)),
  'checkout.session.completed': (c) => ({
    id: `cs_${c.slice(4)}${Date.now() % 100000}`,
    object: 'checkout.session',
    customer: c,
    subscription: `sub_${c.slice(4)}`,
    client_reference_id: c.slice(4),
    metadata: { tenant_id: c.slice(4) },
    mode: 'subscription',
    status: 'complete',
  }),
  'customer.subscription.created': (c) =>
    f.subscription(`sub_${c.slice(4)}`, c, {
      status: 'trialing',
      trialEnd: Math.floor(Date.now() / 1000) + 14 * 86_400,
    }),
  'customer.subscription.updated': (c) => f.subscription(`sub_${c.slice(4)}`, c, { status: 'active' }),
  'customer.subscription.deleted': (c) => f.subscription(`sub_${c.slice(4)}`, c, { status: 'canceled' }),
  'invoice.paid': (c) =>
    f.invoice(`in_${c.slice(4)}${Date.now() % 100000}`, c, {
      subscription: `sub_${c.slice(4)}`,
      status: 'paid',
      amountPaid: 499_900,
      created: Math.floor(Date.now() / 1000),
    }),
  'invoice.payment_failed': (c) =>
    f.invoice(`in_${c.slice(4)}${Date.now() % 100000}`, c, {
      subscription: `sub_${c.slice(4)}`,
      created: Math.floor(Date.now() / 1000),
    }),
};

async function main(): Promise<void> {
  const [type, tenant = 'acme'] = process.argv.slice(2);
  if (!type || !objects[type]) {
    console.error(`usage: npm run stripe:send -- <${Object.keys(objects).join('|')}> [acme|globex|initech]`);
    process.exit(2);
  }
  const urls = runningEndpoints();
  const event = f.event(`evt_demo${Date.now()}`, type, objects[type](`cus_${tenant}`), Math.floor(Date.now() / 1000));
  const payload = JSON.stringify(event);
  const signature = createStripeClient(LOCAL_STRIPE_KEY).webhooks.generateTestHeaderString({
    payload,
    secret: LOCAL_WEBHOOK_SECRET,
  });
  const response = await fetch(`${urls['stripe-webhook']}/v1/billing/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  console.log(`${event.id} ${type} -> ${response.status} ${await response.text()}`);
}

void main();
