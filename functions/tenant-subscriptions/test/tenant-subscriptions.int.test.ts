import { systemClock, type EventEnvelope } from '@backbone/shared/core';
import { FirestoreFailureRecorder } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine } from '@backbone/shared/policy';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { FirestoreTenantProvisioning } from '../../provisioning-saga/adapters/firestore-tenant-provisioning';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import {
  agentRecord,
  captureLogs,
  pubsubCloudEvent,
  RecordingEventPublisher,
  seedAgents,
  emulatorFirestore,
} from '@backbone/shared/testing';
import { ContextResolver } from '../../pep-check/context';
import { FirestoreTenantSubscriptions } from '../adapters/firestore-tenant-subscriptions';
import { makeHandler } from '../handler';

const db = emulatorFirestore();

const plans = { price_pro: ['ai-explorer', 'agent-runtime'], price_basic: ['agent-runtime'] };
const publisher = new RecordingEventPublisher();
const handler = makeHandler({
  store: new FirestoreTenantSubscriptions(db),
  plans,
  failures: new FirestoreFailureRecorder(db),
  publisher,
  source: 'backbone/tenant-subscriptions',
  logger: captureLogs().logger,
});

let seq = 0;
function event(type: string, tenant: string, data: Record<string, unknown>, time: string): EventEnvelope {
  seq += 1;
  return {
    specversion: '1.0',
    id: `billing.${type}:evt_${seq}`,
    type: `billing.${type}`,
    source: 'backbone/stripe-webhook',
    time,
    subject: String(data.subscriptionId ?? data.invoiceId),
    tenant,
    dataversion: '1',
    data: { ...data, stripeEventId: `evt_${seq}` },
  };
}
// Every field the webhook publishes (the catalog's billing.subscription_* data).
const sub = (id: string, status: string, priceId: string, trialEnd: number | null) => ({
  subscriptionId: id,
  customerId: 'cus_1',
  status,
  priceId,
  quantity: 1,
  currentPeriodEnd: null,
  trialEnd,
  cancelAtPeriodEnd: false,
});
const invoicePaid = (invoiceId: string, subscriptionId: string, amountPaid: number) => ({
  invoiceId,
  customerId: 'cus_1',
  subscriptionId,
  status: 'paid',
  number: null,
  amountDue: amountPaid,
  amountPaid,
  currency: 'inr',
  hostedInvoiceUrl: null,
  invoicePdf: null,
  created: 1_765_000_000,
  paymentFailed: false,
});
const deliver = (e: EventEnvelope) => handler(pubsubCloudEvent(e, e.id));

describe('tenant-subscriptions on the emulator', () => {
  it("writes the plan's services from billing events; an older event or one after cancellation changes nothing", async () => {
    const trial = sub('sub_a', 'trialing', 'price_basic', 2_000_000_000);
    const created = event('subscription_created', 'acme', trial, '2026-12-01T00:00:00Z');
    await deliver(created);
    await deliver(
      event('subscription_updated', 'acme', sub('sub_a', 'active', 'price_pro', null), '2026-12-01T00:00:05Z'),
    );
    // Redelivered late: older than what is stored.
    await deliver(created);
    expect((await db.doc('subscriptions/sub_a').get()).data()).toEqual({
      tenantId: 'acme',
      status: 'active',
      priceId: 'price_pro',
      services: ['ai-explorer', 'agent-runtime'],
      eventTime: '2026-12-01T00:00:05Z',
    });
    await deliver(
      event('subscription_canceled', 'acme', sub('sub_a', 'canceled', 'price_pro', null), '2026-12-01T00:01:00Z'),
    );
    await deliver(
      event('subscription_updated', 'acme', sub('sub_a', 'active', 'price_pro', null), '2026-12-01T00:02:00Z'),
    );
    expect((await db.doc('subscriptions/sub_a').get()).get('status')).toBe('canceled');
  });

  it('orders events of one second by the subscription lifecycle, whatever the arrival order', async () => {
    const second = '2026-12-01T00:10:00Z';
    const burst = [
      event('subscription_created', 'acme', sub('sub_ss', 'trialing', 'price_basic', 2_000_000_000), second),
      event('subscription_updated', 'acme', sub('sub_ss', 'active', 'price_pro', null), second),
      event('subscription_updated', 'acme', sub('sub_ss', 'past_due', 'price_pro', null), second),
    ];
    for (const e of [burst[2]!, burst[0]!, burst[1]!]) await deliver(e);
    expect((await db.doc('subscriptions/sub_ss').get()).get('status')).toBe('past_due');
  });

  it('dead-letters a price missing from the plan catalog instead of recording a plan with no services', async () => {
    await deliver(
      event('subscription_created', 'acme', sub('sub_x', 'active', 'price_unknown', null), '2026-12-01T00:00:00Z'),
    );
    expect((await db.doc('subscriptions/sub_x').get()).exists).toBe(false);
    const letters = await db.collection('dead_letters').where('function', '==', 'tenant-subscriptions').get();
    expect(letters.docs.map((d) => d.get('reason'))).toEqual([
      'price price_unknown is not in the plan catalog (PLAN_SERVICES)',
    ]);
  });

  it('checkout -> trial -> paid invoice: the trial ends, its caps no longer apply, and a late trial start is refused', async () => {
    const tenants = new FirestoreTenantProvisioning(db);
    await db.doc('tenants/initech').set({ name: 'Initech' });
    const now = systemClock.now();
    await tenants.startTrial('initech', 'cs_1', now, new Date(now.getTime() + 14 * 86_400_000));
    await deliver(
      event('subscription_created', 'initech', sub('sub_i', 'trialing', 'price_pro', 2_000_000_000), now.toISOString()),
    );

    const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
    const agents = new FirestoreAgentStore(db);
    await seedAgents(agents, agentRecord('initech', 'agent-1'));
    const resolver = () =>
      new ContextResolver({
        trials: new FirestoreTrialStore(db),
        registry: new FirestoreRegistryStore(db),
        agents,
        clock: systemClock,
      });
    const run = {
      principal: { type: 'User', id: 'owner-initech', portal: 'CP', tenant: 'initech', roles: [] },
      action: 'run',
      resource: { type: 'Agent', id: 'agent-1', tenant: 'initech' },
    } as Parameters<ContextResolver['decide']>[1];

    // On the trial: the daily cap denies at some point.
    const onTrial = resolver();
    let allowedOnTrial = 0;
    for (let i = 0; i < 200; i++) {
      if ((await onTrial.decide(engine, run)).decision !== 'allow') break;
      allowedOnTrial += 1;
    }
    expect(allowedOnTrial).toBeLessThan(200);

    await deliver(event('invoice_paid', 'initech', invoicePaid('in_1', 'sub_i', 4900), now.toISOString()));
    const tenant = (await db.doc('tenants/initech').get()).data()!;
    expect(tenant.trial).toBeUndefined();
    expect(tenant.billing).toMatchObject({ paid: true, subscriptionId: 'sub_i' });
    // The tenant's billing admins are told the invoice is ready (once per invoice: a stable id).
    const ready = publisher.published.filter((p) => p.event.type === 'notice.invoice_ready');
    expect(ready.map((p) => [p.topic, p.event.id, p.event.tenant])).toEqual([
      ['tenant-notices', 'notice.invoice_ready:in_1', 'initech'],
    ]);
    expect(ready[0]!.event.data).toMatchObject({ tenant: 'initech', invoiceId: 'in_1', amountPaid: 4900 });

    const paid = resolver();
    const decisions = [];
    for (let i = 0; i < allowedOnTrial + 5; i++) decisions.push((await paid.decide(engine, run)).decision);
    expect(new Set(decisions)).toEqual(new Set(['allow']));
    expect((await paid.decide(engine, run)).context).toEqual({});

    // The saga redelivered after the payment does not put the tenant back on a trial.
    await tenants.startTrial('initech', 'cs_2', now, new Date(now.getTime() + 14 * 86_400_000));
    expect((await db.doc('tenants/initech').get()).get('trial')).toBeUndefined();
  });

  it('ends the trial of a subscription that is active with no trial', async () => {
    const tenants = new FirestoreTenantProvisioning(db);
    await db.doc('tenants/hooli').set({ name: 'Hooli' });
    await tenants.startTrial('hooli', 'cs_h', new Date(), new Date(Date.now() + 86_400_000));
    await deliver(
      event('subscription_updated', 'hooli', sub('sub_h', 'active', 'price_basic', null), new Date().toISOString()),
    );
    expect((await db.doc('tenants/hooli').get()).get('trial')).toBeUndefined();
  });
});

describe('credit notes', () => {
  const creditNote = (id: string, status: 'issued' | 'void') => ({
    creditNoteId: id,
    customerId: 'cus_1',
    invoiceId: 'in_1',
    amount: 1200,
    currency: 'usd',
    status,
    reason: null,
  });
  it('tells the tenant of an issued credit (an SLA credit among them), not of a voided one', async () => {
    const before = publisher.published.length;
    await deliver(event('credit_note_issued', 'umbrella', creditNote('cn_1', 'issued'), '2026-12-02T00:00:00Z'));
    await deliver(event('credit_note_issued', 'umbrella', creditNote('cn_2', 'void'), '2026-12-02T00:00:00Z'));
    expect(publisher.published.slice(before).map((p) => [p.event.type, p.event.id, p.event.data])).toEqual([
      [
        'notice.credit_issued',
        'notice.credit_issued:cn_1',
        { tenant: 'umbrella', creditNoteId: 'cn_1', amount: 1200, currency: 'usd' },
      ],
    ]);
  });
});

describe('tenant-subscriptions against hostile events', () => {
  it.each([
    ['a subscription id that is a path', 'acme', { ...sub('sub_a/../b', 'active', 'price_pro', null) }],
    ['a tenant id that is a path', 'acme/evil', sub('sub_t', 'active', 'price_pro', null)],
    ['a wrong type', 'acme', { ...sub('sub_w', 'active', 'price_pro', null), trialEnd: 'soon' }],
    ['a NUL in the status', 'acme', sub('sub_n', 'act\u0000ive', 'price_pro', null)],
  ])('dead-letters %s and writes nothing', async (_, tenant, data) => {
    const before = (await db.collection('subscriptions').get()).size;
    await deliver(event('subscription_updated', tenant, data, '2026-12-02T00:00:00Z'));
    expect((await db.collection('subscriptions').get()).size).toBe(before);
  });
});
