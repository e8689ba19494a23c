import { declaredRoutes } from '@backbone/shared/gcp';
import { billingCollections, FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { agentEvents } from '@backbone/shared/agents';
import { captureLogs, invokeHttp, RecordingEventPublisher, emulatorFirestore } from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const db = emulatorFirestore();
const billing = new FirestoreBillingStore(db);
const agents = new FirestoreAgentStore(db);
const outboxes = [
  { name: 'billing', drainOutbox: billing.drainOutbox.bind(billing) },
  { name: 'agents', drainOutbox: agents.drainOutbox.bind(agents) },
];

const entry = (id: string, ageMs: number, extra: Record<string, unknown> = {}) =>
  db
    .collection(billingCollections.outbox)
    .doc(id)
    .set({
      topic: 'billing-events',
      orderingKey: `sub_${id}`,
      at: new Date(Date.now() - ageMs),
      event: {
        specversion: '1.0',
        id,
        type: 'billing.invoice_paid',
        source: 'backbone/stripe-webhook',
        time: new Date().toISOString(),
        subject: `sub_${id}`,
        tenant: 'acme',
        dataversion: '1',
        // What the webhook stores: a full billing.invoice_paid (the recording publisher checks it).
        data: {
          invoiceId: 'in_outbox',
          customerId: 'cus_outbox',
          subscriptionId: `sub_${id.replace(/\W/g, '_')}`,
          status: 'paid',
          number: null,
          amountDue: 100,
          amountPaid: 100,
          currency: 'inr',
          hostedInvoiceUrl: null,
          invoicePdf: null,
          created: 1_765_000_000,
          paymentFailed: false,
          stripeEventId: 'evt_outbox',
        },
      },
      ...extra,
    });

describe('outbox-sweeper: what a crash left is published within a minute, whatever the traffic', () => {
  it('publishes entries older than 30 s with their ordering key, once, and leaves fresh or claimed ones', async () => {
    const publisher = new RecordingEventPublisher();
    const handler = makeHandler(
      { outboxes, publisher, logger: captureLogs().logger },
      { declared: declaredRoutes(manifest) },
    );
    await entry('billing.invoice_paid:evt_left1', 120_000);
    await entry('billing.invoice_paid:evt_left2', 60_000);
    await entry('billing.invoice_paid:evt_fresh', 1_000);
    await entry('billing.invoice_paid:evt_claimed', 120_000, { claimedUntil: Date.now() + 60_000 });
    const sweep = () => invokeHttp(handler, { method: 'POST', path: '/' });
    // Scheduler calls are service calls; without an authenticator the route refuses them.
    expect((await sweep()).status).toBe(401);

    const open = makeHandler({ outboxes, publisher, logger: captureLogs().logger });
    const first = await invokeHttp(open, { method: 'POST', path: '/' });
    expect(first.json()).toEqual({ published: 2, outboxes: { billing: 2, agents: 0 } });
    expect(publisher.published.map((p) => [p.event.id, p.orderingKey])).toEqual([
      ['billing.invoice_paid:evt_left1', 'sub_billing.invoice_paid:evt_left1'],
      ['billing.invoice_paid:evt_left2', 'sub_billing.invoice_paid:evt_left2'],
    ]);
    expect((await invokeHttp(open, { method: 'POST', path: '/' })).json()).toMatchObject({ published: 0 });
    const left = (await db.collection(billingCollections.outbox).get()).docs.map((d) => d.id).sort();
    expect(left).toEqual(['billing.invoice_paid:evt_claimed', 'billing.invoice_paid:evt_fresh']);
  });

  it('leaves everything for the next sweep when the broker is down', async () => {
    const publisher = new RecordingEventPublisher();
    publisher.failNext();
    const handler = makeHandler({ outboxes, publisher, logger: captureLogs().logger });
    await entry('billing.invoice_paid:evt_outage', 120_000);
    expect((await invokeHttp(handler, { method: 'POST', path: '/' })).status).toBeGreaterThanOrEqual(500);
    expect((await db.collection(billingCollections.outbox).doc('billing.invoice_paid:evt_outage').get()).exists).toBe(
      true,
    );
  });

  it("publishes the agent registry's leftovers too, in order per agent", async () => {
    const publisher = new RecordingEventPublisher();
    const handler = makeHandler({ outboxes, publisher, logger: captureLogs().logger });
    const events = ['agent.created', 'agent.status_changed'] as const;
    for (const [i, type] of events.entries()) {
      const event = agentEvents.event(type, {
        id: `${type}:acme~swept@${i + 1}`,
        source: 'backbone/agents',
        subject: 'acme/swept',
        time: new Date(Date.now() - 120_000 + i),
        tenant: 'acme',
        data: {
          tenant: 'acme',
          agentId: 'swept',
          from: i ? 'draft' : null,
          to: i ? 'submitted' : 'draft',
          event: 'x',
          lifecycle: 1,
          version: null,
          by: 'user:u',
        },
      });
      await db
        .collection('agent_outbox')
        .doc(event.id)
        .set({ event, topic: agentEvents.name, orderingKey: 'acme/swept', at: new Date(event.time) });
    }
    const res = await invokeHttp(handler, { method: 'POST', path: '/' });
    expect(res.json()).toEqual({ published: 2, outboxes: { billing: 0, agents: 2 } });
    expect(publisher.published.map((p) => [p.event.type, p.orderingKey])).toEqual([
      ['agent.created', 'acme/swept'],
      ['agent.status_changed', 'acme/swept'],
    ]);
    expect((await db.collection('agent_outbox').get()).size).toBe(0);
  });
});
