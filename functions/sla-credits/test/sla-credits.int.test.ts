import { type EventEnvelope } from '@backbone/shared/core';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSlaStore } from '../adapters/firestore-sla-store';
import { creditPercentFor } from '../sla-policy';
import {
  captureLogs,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  startStripeRecorder,
  emulatorFirestore,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';

// Resolved incidents from the health aggregator become Stripe credit notes, through the real
// stripe client pointed at a local recorder; bookkeeping in the Firestore emulator.
const db = emulatorFirestore();
let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
let handler: ReturnType<typeof makeHandler>;

const resolved = (id: string, serviceId: string, openedAt: string, resolvedAt: string): EventEnvelope => ({
  specversion: '1.0',
  id: `health.incident_resolved:${id}`,
  type: 'health.incident_resolved',
  source: 'backbone/health-aggregator',
  time: resolvedAt,
  subject: serviceId,
  dataversion: '1',
  data: { incidentId: id, serviceId, severity: 'major', impacted: [], openedAt, resolvedAt },
});
const creditNotes = () => recorder.requests.filter((r) => r.method === 'POST' && r.path === '/v1/credit_notes');

beforeAll(async () => {
  recorder = await startStripeRecorder({
    'POST /v1/credit_notes': { id: 'cn_sla_1', object: 'credit_note' },
  });
  handler = makeHandler({
    store: new FirestoreSlaStore(db),
    gateway: new StripeApiGateway(createStripeClient('sk_test_sla', recorder.endpoint)),
    failures: new MemoryFailureRecorder(),
    logger: captureLogs().logger,
  });
  await db
    .collection('subscriptions')
    .doc('plan-acme')
    .set({ tenantId: 'acme', services: ['agent-runtime', 'billing'] });
  await db
    .collection('subscriptions')
    .doc('plan-initech')
    .set({ tenantId: 'initech', services: ['workflow'] });
  await db.collection('billing_subscriptions').doc('sub_sla').set({ tenantId: 'acme', status: 'active' });
  await db.collection('billing_subscriptions').doc('sub_old').set({ tenantId: 'acme', status: 'canceled' });
  await db.collection('billing_subscriptions').doc('sub_initech').set({ tenantId: 'initech', status: 'active' });
  await db.collection('billing_invoices').doc('in_sla').set({
    invoiceId: 'in_sla',
    subscriptionId: 'sub_sla',
    status: 'paid',
    amountPaid: 500_000,
    currency: 'inr',
    created: 1_764_000_000,
  });
});
afterAll(async () => {
  await recorder.close();
});

describe('sla-credits (000#18)', () => {
  it('declares its tiers: below 99.9% 10%, below 99.0% 25%', () => {
    expect([creditPercentFor(99.95), creditPercentFor(99.89), creditPercentFor(98.9)]).toEqual([0, 10, 25]);
  });

  it('credits 10% once the month drops below 99.9%, once per incident delivery', async () => {
    // 50 minutes down in November (43,200 minutes): 99.884% uptime.
    const event = resolved('inc-1', 'agent-runtime', '2026-11-10T10:00:00.000Z', '2026-11-10T10:50:00.000Z');
    await handler(pubsubCloudEvent(event));
    await handler(pubsubCloudEvent(event, 'redelivered'));
    expect(creditNotes()).toHaveLength(1);
    const [note] = creditNotes();
    expect(note!.headers['idempotency-key']).toBe('sla-credit:sub_sla:2026-11:10');
    const body = decodeURIComponent(note!.body);
    expect(body).toContain('invoice=in_sla');
    expect(body).toContain('lines[0][unit_amount]=50000');
    expect(body).toContain('metadata[tenant_id]=acme');
    expect((await db.collection('sla_periods').doc('sub_sla_2026-11').get()).data()).toMatchObject({
      creditedPercent: 10,
      creditNotes: ['cn_sla_1'],
    });
  });

  it('credits the difference when a later incident reaches the 25% tier, and nobody else', async () => {
    await handler(
      pubsubCloudEvent(resolved('inc-2', 'billing', '2026-11-20T00:00:00.000Z', '2026-11-20T08:00:00.000Z')),
    );
    expect(creditNotes()).toHaveLength(2);
    expect(creditNotes()[1]!.headers['idempotency-key']).toBe('sla-credit:sub_sla:2026-11:25');
    expect(decodeURIComponent(creditNotes()[1]!.body)).toContain('lines[0][unit_amount]=75000');
    expect(creditNotes().some((r) => r.body.includes('sub_initech'))).toBe(false);
  });

  it('issues nothing for a short incident, or for a tenant without a paid invoice', async () => {
    await handler(
      pubsubCloudEvent(resolved('inc-3', 'workflow', '2026-11-21T00:00:00.000Z', '2026-11-21T00:05:00.000Z')),
    );
    await handler(
      pubsubCloudEvent(resolved('inc-4', 'workflow', '2026-11-22T00:00:00.000Z', '2026-11-22T12:00:00.000Z')),
    );
    expect(creditNotes()).toHaveLength(2);
    expect((await db.collection('sla_periods').doc('sub_initech_2026-11').get()).get('creditedPercent')).toBe(0);
  });
});
