import type { OutboxEntry } from '@backbone/shared/core';
import { healthEvents, healthEventTypes, type ServiceChange } from '@backbone/shared/health';
import { FirestoreHealthStore, healthCollections } from '@backbone/shared/health/gcp';
import { emulatorFirestore } from '@backbone/shared/testing';

// The health outbox on the Firestore emulator: one document per commit holding its events, handed
// to the publisher as each commit lands, drained in commit order after a crash, and emptied only of
// what the broker accepted.
const db = emulatorFirestore();
const outboxDocs = async () => (await db.collection(healthCollections.outbox).get()).docs;

function changeOf(serviceId: string, round: string): ServiceChange {
  const at = new Date('2026-12-07T12:00:00Z');
  return {
    state: {
      serviceId,
      status: 'up',
      since: at,
      consecutiveFailures: 0,
      consecutiveSlow: 0,
      consecutiveHealthy: 1,
      impactedBy: [],
      impacting: [],
      openIncidentId: null,
    },
    events: [
      healthEvents.event(healthEventTypes.statusChanged, {
        id: `${round}:${serviceId}:${healthEventTypes.statusChanged}`,
        source: 'backbone/test',
        time: at,
        subject: serviceId,
        data: { serviceId, from: 'unknown', to: 'up', impactedBy: [], round },
      }),
    ],
  };
}

describe('FirestoreHealthStore outbox', () => {
  it('writes a commit’s events as one document, drains leftovers in order after a restart, keeps what was not sent', async () => {
    const changes = Array.from({ length: 250 }, (_, i) => changeOf(`svc-${String(i).padStart(3, '0')}`, 'r1'));
    const store = new FirestoreHealthStore(db);
    const committed: OutboxEntry[][] = [];
    await store.applyChanges(changes, healthEvents.name, (entries) => committed.push(entries));

    // 250 services in commits of at most 100 writes: three commits, three outbox documents, not 250.
    expect(committed).toHaveLength(3);
    expect(committed.flat().map((e) => e.event.subject)).toHaveLength(250);
    expect(new Set(committed.flat().map((e) => e.event.id)).size).toBe(250);
    expect(await outboxDocs()).toHaveLength(3);
    expect((await db.collection(healthCollections.states).count().get()).data().count).toBe(250);

    // The process dies before publishing: a new instance drains the documents in commit order.
    const restarted = new FirestoreHealthStore(db);
    const pending = await restarted.pendingOutbox(500);
    // Commit order is the order the changes came in (each commit a run of them), whatever order the commits landed in.
    expect(pending.map((e) => e.event.subject)).toEqual(changes.map((c) => c.state.serviceId));

    // The broker took all but two: only those two stay, in their document.
    const heldBack = pending.slice(-2).map((e) => e.event.id);
    await restarted.removeFromOutbox(pending.slice(0, -2).map((e) => e.event.id));
    const left = await outboxDocs();
    expect(left).toHaveLength(1);
    expect((left[0]!.get('entries') as OutboxEntry[]).map((e) => e.event.id)).toEqual(heldBack);
    expect((await new FirestoreHealthStore(db).pendingOutbox(500)).map((e) => e.event.id)).toEqual(heldBack);

    await restarted.removeFromOutbox(heldBack);
    expect(await outboxDocs()).toHaveLength(0);
  });

  it('drains an event left in the one-event-per-document layout of earlier releases', async () => {
    const [legacy] = changeOf('svc-legacy', 'r0').events;
    await db
      .collection(healthCollections.outbox)
      .doc(legacy!.id)
      .set({ event: legacy, topic: healthEvents.name, orderingKey: 'svc-legacy', sortKey: '0' });
    const store = new FirestoreHealthStore(db);
    const pending = await store.pendingOutbox(500);
    expect(pending.map((e) => e.event.id)).toEqual([legacy!.id]);
    await store.removeFromOutbox([legacy!.id]);
    expect(await outboxDocs()).toHaveLength(0);
  });
});
