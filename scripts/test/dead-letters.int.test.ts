// The operator's one view lists every kind of dead letter, and reading it consumes nothing.
import { PubSub } from '@google-cloud/pubsub';
import { FirestoreFailureRecorder } from '@backbone/shared/gcp';
import { FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import { createPullSubscription, emulatorFirestore, uniqueProjectId } from '@backbone/shared/testing';
import incidentTickets from '../../functions/incident-tickets/function';
import { collectDeadLetters } from '../local/dead-letter-view';

const projectId = uniqueProjectId();
const db = emulatorFirestore(projectId);
const pubsub = new PubSub({ projectId });
afterAll(async () => {
  await pubsub.close();
});

describe('npm run dead-letters', () => {
  it('lists permanent failures, Stripe dead letters and exhausted deliveries, newest first, and leaves them there', async () => {
    await new FirestoreFailureRecorder(db).record({
      id: 'incident-tickets:m-1',
      function: 'incident-tickets',
      code: 'EVENT-001',
      reason: 'data.incidentId: Required',
      payload: { contact: 'ops@acme.example' },
      receivedAt: new Date('2026-12-03T10:00:00Z'),
    });
    await new FirestoreBillingStore(db).deadLetter({
      eventId: 'evt_dead',
      type: 'customer.subscription.updated',
      reason: 'no tenant for customer cus_x',
      payload: {},
      at: new Date('2026-12-03T11:00:00Z'),
    });
    await createPullSubscription(projectId, 'incident-tickets-dead-letter', 'incident-tickets-dead-letter-inbox');
    await pubsub.topic('incident-tickets-dead-letter').publishMessage({
      data: Buffer.from(JSON.stringify({ type: 'health.incident_opened', id: 'e-1' })),
    });

    const view = () => collectDeadLetters({ db, projectId, manifests: [incidentTickets], limit: 50 });
    const first = await view();
    expect(first.unreadable).toEqual([]);
    expect(first.rows.map((r) => [r.kind, r.where, r.function])).toEqual([
      ['exhausted', 'incident-tickets-dead-letter-inbox', 'incident-tickets'],
      ['stripe', 'billing_dead_letters', 'stripe-webhook'],
      ['permanent', 'dead_letters', 'incident-tickets'],
    ]);
    expect(first.rows[0]!.reason).toBe('health.incident_opened: deliveries ran out');
    expect(first.rows[2]!.reason).toBe('EVENT-001: data.incidentId: Required');

    // Peeked, not consumed: the inbox still holds the message.
    const second = await view();
    expect(second.rows.filter((r) => r.kind === 'exhausted')).toHaveLength(1);
  });

  it('names an inbox it cannot read instead of failing', async () => {
    const other = { ...incidentTickets, name: 'no-such-function' };
    const { unreadable } = await collectDeadLetters({ db, projectId, manifests: [other], limit: 5 });
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatch(/^no-such-function-dead-letter-inbox: /);
  });
});
