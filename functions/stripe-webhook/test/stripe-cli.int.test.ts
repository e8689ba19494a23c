import { createHmac } from 'node:crypto';
import { createStripeClient } from '@backbone/shared/billing/gcp';
import { invokeHttp, RecordingEventPublisher, startStripeRecorder, emulatorFirestore } from '@backbone/shared/testing';
import { LOCAL_WEBHOOK_SECRET, localStripeEnv } from '../../../scripts/local/demo-billing';
import { webhookHandler } from './webhook-handler';

// What `stripe listen --forward-to` delivers: an event from `stripe trigger`, signed with the CLI's
// own secret (not the suite's), the header built here by hand as the CLI and Stripe build it.
const CLI_SECRET = 'whsec_2f1b8d0c9a7e6f5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a29';
const db = emulatorFirestore();

function cliSignature(payload: string, secret: string, at = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex');
  return `t=${at},v1=${v1},v0=${'0'.repeat(64)}`;
}

/** `stripe trigger checkout.session.completed --add checkout_session:metadata.tenant_id=acme`, as forwarded. */
const triggered = {
  id: 'evt_1QxCLIdemo0000000000000',
  object: 'event',
  api_version: '2025-10-29.clover',
  created: Math.floor(Date.now() / 1000),
  livemode: false,
  pending_webhooks: 2,
  request: { id: 'req_Cli0000demo', idempotency_key: 'stripe-node-retry-0f6f0c1e' },
  type: 'checkout.session.completed',
  data: {
    object: {
      id: 'cs_test_a1CLIdemo',
      object: 'checkout.session',
      customer: 'cus_CLIdemo0000',
      subscription: null,
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      client_reference_id: null,
      metadata: { tenant_id: 'acme' },
    },
  },
};

describe('the Stripe CLI against npm start', () => {
  it("keeps the CLI's signing secret beside the local one, and the webhook takes the CLI's deliveries", async () => {
    const env = localStripeEnv({ STRIPE_WEBHOOK_SECRETS: CLI_SECRET }, 'http://127.0.0.1:1');
    expect(env.STRIPE_WEBHOOK_SECRETS.split(',')).toEqual([CLI_SECRET, LOCAL_WEBHOOK_SECRET]);
    expect(env.STRIPE_API_ENDPOINT).toBe('http://127.0.0.1:1');
    // A test-mode key sends the suite to Stripe's test API; a live key is refused.
    expect(localStripeEnv({ STRIPE_API_KEY: 'sk_test_51Abc' }, 'x')).toMatchObject({ STRIPE_API_ENDPOINT: '' });
    expect(() => localStripeEnv({ STRIPE_API_KEY: 'sk_live_51Abc' }, 'x')).toThrow(/test-mode key/);

    const api = await startStripeRecorder({});
    try {
      const publisher = new RecordingEventPublisher();
      const handler = webhookHandler(
        db,
        createStripeClient('sk_test_x', api.endpoint),
        env.STRIPE_WEBHOOK_SECRETS.split(','),
        {
          publisher,
        },
      );
      const payload = JSON.stringify(triggered);
      const deliver = (signature: string) =>
        invokeHttp(handler, {
          method: 'POST',
          path: '/v1/billing/stripe/webhook',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body: payload,
        });
      const accepted = await deliver(cliSignature(payload, CLI_SECRET));
      expect([accepted.status, accepted.json()]).toEqual([200, { received: true, outcome: 'applied' }]);
      expect(publisher.published.map((p) => [p.event.type, p.event.tenant])).toEqual([
        ['billing.checkout_completed', 'acme'],
      ]);
      // Signed with a secret the suite was not given: refused, nothing applied.
      const refused = await deliver(cliSignature(payload, 'whsec_someone_else_0000000000000000'));
      expect([refused.status, (refused.json() as { code: string }).code]).toEqual([400, 'WEBHOOK-001']);
      expect(publisher.published).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
