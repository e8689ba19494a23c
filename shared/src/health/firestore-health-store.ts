import { FieldPath, type Firestore, type QueryDocumentSnapshot, Timestamp } from '@google-cloud/firestore';
import { z } from 'zod';
import {
  HealthSampleSchema,
  IncidentSchema,
  PlatformSnapshotSchema,
  ServiceDefinitionSchema,
  ServiceStateSchema,
  type HealthSample,
  type Incident,
  type PlatformSnapshot,
  type ServiceDefinition,
  type ServiceState,
} from './health-schemas';
import { healthOutboxEntry } from './health-events';
import { EventEnvelopeSchema } from '../core/events/envelope';
import type { OutboxEntry } from '../core/events/outbox';
import type { HealthStore, SampleWriter, ServiceChange } from './health-store';
import { blockIds, fromBlocks, HISTORY_DAYS, HistoryBlocks, type HistoryBlockDoc } from './history';
import { mapWithConcurrency } from '../core/concurrency/map-with-concurrency';
import { readDocument } from '../gcp/firestore-documents';

export const healthCollections = {
  registry: 'health_registry',
  states: 'health_services',
  samples: 'health_samples',
  incidents: 'health_incidents',
  status: 'health_status',
  rounds: 'health_rounds',
  outbox: 'health_outbox',
  history: 'health_history',
} as const;

const LEASE_DOC = '_lease';

const OutboxEntrySchema = z.object({ event: EventEnvelopeSchema, topic: z.string(), orderingKey: z.string() });
/**
 * An outbox document: the events of one commit, in order; or, as written before that, one event
 * (drained the same way, so an upgrade leaves nothing behind).
 */
const OutboxDocumentSchema = z.union([
  z.object({ entries: z.array(OutboxEntrySchema) }),
  OutboxEntrySchema.transform((entry) => ({ entries: [entry] })),
]);
/** Small enough to stay well under Firestore's 10 MiB request, 1 MiB outbox document and 500-write batch limits. */
const MAX_WRITES_PER_BATCH = 100;

export class FirestoreHealthStore implements HealthStore {
  private outboxSeq = 0;
  /** The outbox documents this instance wrote or read, with their entries, for removing what was sent (the aggregator is the only writer, under its lease). */
  private readonly outboxDocs = new Map<string, OutboxEntry[]>();

  constructor(private readonly db: Firestore) {}

  async listServices(): Promise<ServiceDefinition[]> {
    const snap = await this.db.collection(healthCollections.registry).get();
    return snap.docs.map((d) => readDocument(ServiceDefinitionSchema, d.data(), d.ref.path));
  }

  async putService(service: ServiceDefinition): Promise<void> {
    await this.db.collection(healthCollections.registry).doc(service.id).set(service);
  }

  async deleteService(id: string): Promise<boolean> {
    const ref = this.db.collection(healthCollections.registry).doc(id);
    return this.db.runTransaction(async (tx) => {
      if (!(await tx.get(ref)).exists) return false;
      tx.delete(ref);
      return true;
    });
  }

  async getService(id: string): Promise<ServiceDefinition | undefined> {
    const snap = await this.db.collection(healthCollections.registry).doc(id).get();
    return snap.exists ? readDocument(ServiceDefinitionSchema, snap.data(), snap.ref.path) : undefined;
  }

  async getStates(): Promise<Map<string, ServiceState>> {
    const snap = await this.db.collection(healthCollections.states).get();
    return new Map(snap.docs.map((d) => [d.id, readDocument(ServiceStateSchema, d.data(), d.ref.path)]));
  }

  async beginRound(round: string, leaseMs: number, now: Date): Promise<boolean> {
    const lease = this.db.collection(healthCollections.rounds).doc(LEASE_DOC);
    const done = this.db.collection(healthCollections.rounds).doc(round);
    return this.db.runTransaction(async (tx) => {
      const [leaseSnap, doneSnap] = await tx.getAll(lease, done);
      if (doneSnap!.exists) return false;
      const held = leaseSnap!.data() as { round: string; until: Timestamp } | undefined;
      if (held && held.round !== round && held.until.toMillis() > now.getTime()) return false;
      tx.set(lease, { round, until: Timestamp.fromMillis(now.getTime() + leaseMs) });
      return true;
    });
  }

  sampleWriter(): SampleWriter {
    const writer = this.db.bulkWriter();
    const failures: unknown[] = [];
    const history = new HistoryBlocks();
    return {
      add: (sample: HealthSample) => {
        const ref = this.db.collection(healthCollections.samples).doc(`${sample.serviceId}_${sample.round}`);
        writer.set(ref, sample).catch((e: unknown) => failures.push(e));
        history.add(sample);
      },
      close: async () => {
        // The round's history: one merged write per 10-minute block (usually one), not one per service.
        for (const block of history.blocks())
          writer
            .set(
              this.db.collection(healthCollections.history).doc(block.id),
              { ...block.fields, expireAt: Timestamp.fromMillis(block.at.getTime() + HISTORY_DAYS * 86_400_000) },
              { merge: true },
            )
            .catch((e: unknown) => failures.push(e));
        await writer.close();
        if (failures.length > 0)
          throw new Error(`${failures.length} samples could not be written`, { cause: failures[0] });
      },
    };
  }

  async applyChanges(
    changes: ServiceChange[],
    topic: string,
    onCommitted?: (entries: OutboxEntry[]) => void,
  ): Promise<void> {
    const base = Date.now();
    // Several services per batch (a service's writes never split across two, so each stays
    // atomic): a first round's thousand changes are a few dozen commits, not a thousand.
    const batches: ServiceChange[][] = [];
    let writes = Infinity;
    for (const change of changes) {
      const size = 1 + (change.incident ? 1 : 0);
      if (writes + size > MAX_WRITES_PER_BATCH) {
        batches.push([]);
        writes = 1; // the batch's outbox document
      }
      batches.at(-1)!.push(change);
      writes += size;
    }
    await mapWithConcurrency(batches, 8, async (group) => {
      const batch = this.db.batch();
      const entries: OutboxEntry[] = [];
      for (const change of group) {
        batch.set(this.db.collection(healthCollections.states).doc(change.state.serviceId), change.state);
        if (change.incident)
          batch.set(this.db.collection(healthCollections.incidents).doc(change.incident.id), change.incident);
        for (const event of change.events) entries.push(healthOutboxEntry(event, topic));
      }
      // The batch's events in one outbox document, not one each: a round in which every service
      // changed writes and deletes a few dozen documents instead of a thousand. The sort key keeps
      // per-service order when a crashed round's leftovers are drained.
      let outboxId: string | undefined;
      if (entries.length > 0) {
        outboxId = entries[0]!.event.id;
        const sortKey = `${String(base).padStart(15, '0')}-${String(this.outboxSeq++).padStart(9, '0')}`;
        batch.set(this.db.collection(healthCollections.outbox).doc(outboxId), { topic, entries, sortKey });
      }
      await batch.commit();
      if (outboxId) {
        this.outboxDocs.set(outboxId, entries);
        onCommitted?.(entries);
      }
    });
  }

  async completeRound(snapshot: PlatformSnapshot): Promise<void> {
    const batch = this.db.batch();
    batch.set(this.db.collection(healthCollections.status).doc('current'), snapshot);
    batch.set(this.db.collection(healthCollections.rounds).doc(snapshot.round), {
      status: snapshot.status,
      at: snapshot.at,
      durationMs: snapshot.durationMs,
      services: snapshot.services.length,
    });
    batch.delete(this.db.collection(healthCollections.rounds).doc(LEASE_DOC));
    await batch.commit();
  }

  async releaseRound(round: string): Promise<void> {
    const lease = this.db.collection(healthCollections.rounds).doc(LEASE_DOC);
    await this.db.runTransaction(async (tx) => {
      const held = (await tx.get(lease)).data() as { round: string } | undefined;
      if (held?.round === round) tx.delete(lease);
    });
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    let last: QueryDocumentSnapshot | undefined;
    while (entries.length < limit) {
      let query = this.db.collection(healthCollections.outbox).orderBy('sortKey').limit(20);
      if (last) query = query.startAfter(last);
      const snap = await query.get();
      for (const doc of snap.docs) {
        const data = readDocument(OutboxDocumentSchema, doc.data(), doc.ref.path);
        this.outboxDocs.set(doc.id, data.entries);
        entries.push(...data.entries);
      }
      if (snap.size < 20) break;
      last = snap.docs.at(-1);
    }
    return entries;
  }

  async removeFromOutbox(eventIds: string[]): Promise<void> {
    const sent = new Set(eventIds);
    const touched = [...this.outboxDocs].filter(([, entries]) => entries.some((e) => sent.has(e.event.id)));
    // Batches, not a BulkWriter: its ramp-up (500 writes/s at first) slowed a first round's deletes.
    const groups: (typeof touched)[] = [];
    for (let i = 0; i < touched.length; i += MAX_WRITES_PER_BATCH)
      groups.push(touched.slice(i, i + MAX_WRITES_PER_BATCH));
    await mapWithConcurrency(groups, 8, async (docs) => {
      const batch = this.db.batch();
      const remaining = docs.map(([docId, entries]) => [docId, entries.filter((e) => !sent.has(e.event.id))] as const);
      for (const [docId, left] of remaining) {
        const ref = this.db.collection(healthCollections.outbox).doc(docId);
        // What a failed key held back stays, in its document, for the next round.
        if (left.length === 0) batch.delete(ref);
        else batch.update(ref, { entries: left });
      }
      await batch.commit();
      for (const [docId, left] of remaining)
        if (left.length === 0) this.outboxDocs.delete(docId);
        else this.outboxDocs.set(docId, left);
    });
  }

  async getSnapshot(): Promise<PlatformSnapshot | undefined> {
    const snap = await this.db.collection(healthCollections.status).doc('current').get();
    return snap.exists ? readDocument(PlatformSnapshotSchema, snap.data(), snap.ref.path) : undefined;
  }

  async listIncidents(filter: { status?: Incident['status']; serviceId?: string; limit: number }): Promise<Incident[]> {
    let query = this.db.collection(healthCollections.incidents).orderBy('openedAt', 'desc');
    if (filter.status) query = query.where('status', '==', filter.status);
    if (filter.serviceId) query = query.where('serviceId', '==', filter.serviceId);
    const snap = await query.limit(filter.limit).get();
    return snap.docs.map((d) => readDocument(IncidentSchema, d.data(), d.ref.path));
  }

  async samplesSince(serviceId: string, since: Date): Promise<HealthSample[]> {
    const snap = await this.db
      .collection(healthCollections.samples)
      .where('serviceId', '==', serviceId)
      .where('at', '>=', Timestamp.fromDate(since))
      .orderBy('at')
      .get();
    return snap.docs.map((d) => readDocument(HealthSampleSchema, d.data(), d.ref.path));
  }

  async getIncident(id: string) {
    const snap = await this.db.collection(healthCollections.incidents).doc(id).get();
    return snap.exists ? readDocument(IncidentSchema, snap.data(), snap.ref.path) : undefined;
  }

  async history(serviceIds: string[], hours: string[]) {
    if (serviceIds.length === 0 || hours.length === 0) return [];
    const refs = hours.flatMap((h) => blockIds(h).map((id) => this.db.collection(healthCollections.history).doc(id)));
    // Only the services asked for: a block holds every service's checks.
    const snaps = await this.db.getAll(...refs, {
      fieldMask: ['hour', ...serviceIds.map((id) => new FieldPath('s', id))],
    });
    return fromBlocks(
      snaps.filter((s) => s.exists).map((s) => s.data() as HistoryBlockDoc),
      serviceIds,
    );
  }
}
