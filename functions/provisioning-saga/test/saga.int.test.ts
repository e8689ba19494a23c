import { ForbiddenError, systemClock, type EventEnvelope } from '@backbone/shared/core';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSagaStore, SagaBusyError } from '../adapters/firestore-saga-store';
import { FirestoreTenantProvisioning } from '../adapters/firestore-tenant-provisioning';
import { type SagaRecord } from '../saga-store';
import {
  captureLogs,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  RecordingEventPublisher,
  startStripeRecorder,
  stripeFixtures as f,
  emulatorFirestore,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';

const db = emulatorFirestore();
let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
const checkout = (session: string, tenant: string, subscription: string | null): EventEnvelope => ({
  specversion: '1.0',
  id: `billing.checkout_completed:evt_${session}`,
  type: 'billing.checkout_completed',
  source: 'backbone/stripe-webhook',
  time: new Date().toISOString(),
  subject: subscription ?? session,
  tenant,
  dataversion: '1',
  data: {
    checkoutSessionId: session,
    customerId: 'cus_saga',
    subscriptionId: subscription,
    stripeEventId: `evt_${session}`,
  },
});
function saga(tenants = new FirestoreTenantProvisioning(db)) {
  const publisher = new RecordingEventPublisher();
  const handler = makeHandler({
    sagas: new FirestoreSagaStore(db),
    tenants,
    publisher,
    gateway: new StripeApiGateway(createStripeClient('sk_test_saga', recorder.endpoint)),
    failures: new MemoryFailureRecorder(),
    clock: systemClock,
    source: 'backbone/provisioning-saga',
    logger: captureLogs().logger,
  });
  return { handler, publisher };
}
const sagaDoc = async (id: string) => (await db.collection('provisioning_sagas').doc(id).get()).data() as SagaRecord;

beforeAll(async () => {
  recorder = await startStripeRecorder({
    'DELETE /v1/subscriptions/sub_doomed': f.subscription('sub_doomed', 'cus_saga', { status: 'canceled' }),
  });
  for (const t of ['acme', 'globex', 'initech']) await db.collection('tenants').doc(t).set({ name: t });
});
afterAll(async () => {
  await recorder.close();
});

describe('provisioning saga (000#7)', () => {
  it('records, requests provisioning and starts the trial, once, whatever the redeliveries', async () => {
    const { handler, publisher } = saga();
    const event = checkout('cs_ok', 'acme', 'sub_ok');
    await handler(pubsubCloudEvent(event));
    await handler(pubsubCloudEvent(event, 'again'));
    expect(publisher.published.map((p) => p.event.type)).toEqual(['provisioning.requested']);
    const tenant = (await db.collection('tenants').doc('acme').get()).data()!;
    expect(tenant).toMatchObject({
      subscription: { id: 'sub_ok', state: 'active' },
      trial: { sagaId: 'cs_ok' },
    });
    expect(await sagaDoc('cs_ok')).toMatchObject({
      status: 'completed',
      steps: { record_subscription: 'done', request_provisioning: 'done', start_trial: 'done' },
    });
  });

  it("acknowledges a one-time payment's checkout (no subscription) without starting a saga", async () => {
    const { handler, publisher } = saga();
    await handler(pubsubCloudEvent(checkout('cs_once', 'globex', null)));
    expect(publisher.published).toEqual([]);
    expect((await db.collection('provisioning_sagas').doc('cs_once').get()).exists).toBe(false);
    expect((await db.collection('tenants').doc('globex').get()).data()).toEqual({ name: 'globex' });
  });

  it('resumes after a crash at the failed step, without repeating the steps before it', async () => {
    const tenants = new FirestoreTenantProvisioning(db);
    const record = jest.spyOn(tenants, 'recordSubscription');
    const { handler, publisher } = saga(tenants);
    publisher.failNext(); // the broker is down while requesting provisioning
    const event = checkout('cs_crash', 'globex', 'sub_crash');
    await expect(handler(pubsubCloudEvent(event))).rejects.toThrow();
    expect((await sagaDoc('cs_crash')).steps).toEqual({
      record_subscription: 'done',
      request_provisioning: 'pending',
      start_trial: 'pending',
    });
    await handler(pubsubCloudEvent(event, 'redelivered'));
    expect(record.mock.calls.filter((c) => c[2] === 'provisioning')).toHaveLength(1);
    expect(publisher.published.map((p) => p.event.id)).toEqual(['provisioning.requested:cs_crash']);
    expect((await sagaDoc('cs_crash')).status).toBe('completed');
  });

  it('compensates the completed steps in reverse and cancels the Stripe subscription when a step cannot succeed', async () => {
    const tenants = new FirestoreTenantProvisioning(db);
    jest.spyOn(tenants, 'startTrial').mockRejectedValue(new ForbiddenError('initech may not start another trial'));
    const { handler, publisher } = saga(tenants);
    await handler(pubsubCloudEvent(checkout('cs_doomed', 'initech', 'sub_doomed')));
    expect(publisher.published.map((p) => p.event.type)).toEqual(['provisioning.requested', 'provisioning.cancelled']);
    expect((await db.collection('tenants').doc('initech').get()).get('subscription')).toEqual({
      id: 'sub_doomed',
      state: 'cancelled',
    });
    const cancel = recorder.requests.find((r) => r.method === 'DELETE' && r.path === '/v1/subscriptions/sub_doomed')!;
    expect(cancel.headers['idempotency-key']).toBe('saga-cancel:cs_doomed');
    const doc = await sagaDoc('cs_doomed');
    expect(doc).toMatchObject({
      status: 'compensated',
      steps: {
        record_subscription: 'compensated',
        request_provisioning: 'compensated',
        start_trial: 'pending',
      },
    });
    expect(doc.history.map((h) => `${h.step}:${h.event}`)).toEqual([
      '-:started',
      'record_subscription:done',
      'request_provisioning:done',
      '-:compensating',
      'request_provisioning:compensated',
      'record_subscription:compensated',
      '-:compensated',
    ]);
  });

  it('lets one delivery run a saga at a time, and fences a delivery whose lease was taken over', async () => {
    const store = new FirestoreSagaStore(db);
    const t0 = new Date('2026-12-02T10:00:00Z');
    const a = { token: 'delivery-a', leaseMs: 1_000 };
    const b = { token: 'delivery-b', leaseMs: 1_000 };
    await store.begin('cs_lease', { tenantId: 'acme' }, ['one'], t0, a);
    await expect(store.begin('cs_lease', {}, ['one'], new Date(t0.getTime() + 500), b)).rejects.toBeInstanceOf(
      SagaBusyError,
    );
    // A's ack deadline passed: the redelivery takes over, and A can no longer write.
    await store.begin('cs_lease', {}, ['one'], new Date(t0.getTime() + 2_000), b);
    await expect(store.markStep('cs_lease', 'one', 'done', new Date(t0.getTime() + 2_100), a)).rejects.toBeInstanceOf(
      SagaBusyError,
    );
    await store.markStep('cs_lease', 'one', 'done', new Date(t0.getTime() + 2_200), b);
    expect((await sagaDoc('cs_lease')).history.map((h) => `${h.step}:${h.event}`)).toEqual(['-:started', 'one:done']);
  });

  it('runs two simultaneous deliveries of one checkout once: the other is told to retry', async () => {
    await db.collection('tenants').doc('umbrella').set({ name: 'umbrella' });
    const { handler, publisher } = saga();
    const event = checkout('cs_twice', 'umbrella', 'sub_twice');
    const results = await Promise.allSettled([
      handler(pubsubCloudEvent(event, 'one')),
      handler(pubsubCloudEvent(event, 'two')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    await handler(pubsubCloudEvent(event, 'three'));
    expect(publisher.published.filter((p) => p.event.type === 'provisioning.requested')).toHaveLength(1);
    expect((await sagaDoc('cs_twice')).status).toBe('completed');
  });

  it("never overwrites a tenant's trial: a second checkout does not restart it", async () => {
    const endsAt = new Date('2026-12-05T00:00:00Z');
    await db
      .collection('tenants')
      .doc('hooli')
      .set({
        name: 'hooli',
        trial: { startedAt: new Date('2026-11-21T00:00:00Z'), endsAt, sagaId: 'cs_first' },
      });
    const { handler } = saga();
    await handler(pubsubCloudEvent(checkout('cs_second', 'hooli', 'sub_second')));
    const trial = (await db.collection('tenants').doc('hooli').get()).get('trial');
    expect(trial.sagaId).toBe('cs_first');
    expect(trial.endsAt.toDate()).toEqual(endsAt);
  });
});
