import { ForbiddenError, systemClock } from '@backbone/shared/core';
import { PubSubEventPublisher } from '@backbone/shared/gcp';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import {
  captureLogs,
  createPullSubscription,
  ensureTopic,
  invokeHttp,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  pullMessages,
  recordSpans,
  startStripeRecorder,
  stripeFixtures as f,
  emulatorFirestore,
  uniqueProjectId,
} from '@backbone/shared/testing';
import { signedDelivery, webhookHandler } from '../../stripe-webhook/test/webhook-handler';
import { FirestoreSagaStore } from '../adapters/firestore-saga-store';
import { FirestoreTenantProvisioning } from '../adapters/firestore-tenant-provisioning';
import { makeHandler } from '../handler';

// One trace from a Stripe delivery to the saga it starts and the Stripe call the saga makes,
// through the real Pub/Sub emulator: the message carries the trace in its `traceparent` attribute.
const spans = recordSpans();
const project = uniqueProjectId();
const db = emulatorFirestore(project);
const SECRET = 'whsec_trace_test';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('one trace from webhook to saga (OpenTelemetry)', () => {
  it('links the webhook, its publish, the saga delivery, its steps and its Stripe call as parent and child', async () => {
    const stripeApi = await startStripeRecorder({
      'DELETE /v1/subscriptions/sub_traced': f.subscription('sub_traced', 'cus_traced', { status: 'canceled' }),
    });
    try {
      await ensureTopic(project, 'agent-provisioning');
      await createPullSubscription(project, 'billing-events', 'trace-observer');
      const publisher = PubSubEventPublisher.forProject(project);
      const stripe = createStripeClient('sk_test_trace', stripeApi.endpoint);
      const webhook = webhookHandler(db, stripe, [SECRET], { publisher });
      const session = {
        id: 'cs_traced',
        object: 'checkout.session',
        customer: 'cus_traced',
        subscription: 'sub_traced',
        client_reference_id: null,
        metadata: { tenant_id: 'traced' },
        mode: 'subscription',
        status: 'complete',
      };
      const event = f.event('evt_traced', 'checkout.session.completed', session, Math.floor(Date.now() / 1000));
      const traceparent = `00-${TRACE}-${CALLER_SPAN}-01`;
      const delivered = await invokeHttp(webhook, signedDelivery(stripe, event, SECRET, { traceparent }));
      expect(delivered.status).toBe(200);

      const [message] = await pullMessages(project, 'trace-observer', 1);
      expect(message!.attributes.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));

      // The saga, as Pub/Sub would push it, whose last step fails: it compensates and cancels at Stripe.
      await db.doc('tenants/traced').set({ name: 'Traced' });
      const tenants = new FirestoreTenantProvisioning(db);
      jest.spyOn(tenants, 'startTrial').mockRejectedValue(new ForbiddenError('no second trial'));
      const saga = makeHandler({
        sagas: new FirestoreSagaStore(db),
        tenants,
        publisher,
        gateway: new StripeApiGateway(stripe),
        failures: new MemoryFailureRecorder(),
        clock: systemClock,
        source: 'backbone/provisioning-saga',
        logger: captureLogs().logger,
      });
      await saga(pubsubCloudEvent(message!.data as object, 'pushed-1', message!.attributes));
    } finally {
      await stripeApi.close();
    }

    const finished = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === TRACE);
    const named = (name: string) => {
      const found = finished.find((s) => s.name === name);
      if (!found) throw new Error(`no span ${name} in ${finished.map((s) => s.name).join(', ')}`);
      return found;
    };
    const parentOf = (name: string) => named(name).parentSpanContext?.spanId;
    const idOf = (name: string) => named(name).spanContext().spanId;

    expect(parentOf('POST /v1/billing/stripe/webhook')).toBe(CALLER_SPAN);
    expect(parentOf('billing-events publish')).toBe(idOf('POST /v1/billing/stripe/webhook'));
    expect(parentOf('provisioning-saga process')).toBe(idOf('billing-events publish'));
    for (const step of ['saga record_subscription', 'saga request_provisioning', 'saga start_trial'])
      expect(parentOf(step)).toBe(idOf('provisioning-saga process'));
    expect(parentOf('agent-provisioning publish')).toBe(idOf('saga request_provisioning'));
    // The compensation's Stripe call, in the same trace, under the compensating step.
    const cancel = named('stripe subscriptions.cancel');
    const ancestors: string[] = [];
    let parent = cancel.parentSpanContext?.spanId;
    while (parent) {
      const span = finished.find((s) => s.spanContext().spanId === parent);
      if (!span) break;
      ancestors.push(span.name);
      parent = span.parentSpanContext?.spanId;
    }
    expect(ancestors).toContain('provisioning-saga process');
    expect(named('saga start_trial').status.code).toBe(2); // ERROR: the failure is on the step's span
    // The Firestore client's own spans sit under the request's (the webhook's apply transaction).
    expect(
      finished.some(
        (s) => s.name === 'Transaction.Run' && s.parentSpanContext?.spanId === idOf('POST /v1/billing/stripe/webhook'),
      ),
    ).toBe(true);
  }, 30_000);
});
