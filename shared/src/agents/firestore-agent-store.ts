import { FieldPath, type Firestore } from '@google-cloud/firestore';
import { ConflictError } from '../core/errors/app-errors';
import { GroupRead } from '../core/concurrency/group-read';
import { readDocument } from '../gcp/firestore-documents';
import { drainFirestoreOutbox } from '../gcp/firestore-outbox';
import type { EventPublisher } from '../core/ports/event-publisher';
import { AgentVersionInputSchema, type AgentVersion } from './agent-spec';
import { AgentRecordSchema, type AgentRecord } from './agent-record';
import { MAX_VERSIONS, type AgentFilter, type AgentPlan, type AgentStore } from './agent-store';
import { z } from 'zod';

const StoredVersionSchema = AgentVersionInputSchema.extend({
  specHash: z.string(),
  author: z.string(),
  createdAt: z.date(),
});

export const agentCollections = { agents: 'agents', versions: 'versions', outbox: 'agent_outbox' } as const;

/**
 * `tenants/{tenant}/agents/{id}` with `versions/{semver}` beneath: a tenant's agents are one
 * subcollection, so its listing needs no composite index and no other tenant's agent is on its path.
 * Events wait in `agent_outbox` from the change's transaction until the broker has them.
 */
export class FirestoreAgentStore implements AgentStore {
  /** Concurrent lookups (the PEP's, on a cold instance) leave as one batched read. */
  private readonly reads = new GroupRead<{ tenant: string; id: string }, AgentRecord | undefined>(async (keys) => {
    const snaps = await this.db.getAll(...keys.map((k) => this.ref(k.tenant, k.id)));
    return snaps.map((snap, i) => (snap.exists ? this.read(snap.data(), keys[i]!.tenant, keys[i]!.id) : undefined));
  });

  constructor(private readonly db: Firestore) {}

  get(tenant: string, id: string): Promise<AgentRecord | undefined> {
    return this.reads.get({ tenant, id });
  }

  async list(tenant: string, filter: AgentFilter, page: { after?: string; limit: number }) {
    let query = this.db
      .collection('tenants')
      .doc(tenant)
      .collection(agentCollections.agents)
      .orderBy(FieldPath.documentId());
    if (filter.status) query = query.where('status', '==', filter.status);
    if (filter.specialty) query = query.where('specialty', '==', filter.specialty);
    if (page.after) query = query.startAfter(page.after);
    const docs = (await query.limit(page.limit + 1).get()).docs;
    const agents = docs.slice(0, page.limit).map((d) => this.read(d.data(), tenant, d.id));
    return { agents, next: docs.length > page.limit ? agents.at(-1)!.id : null };
  }

  async versions(tenant: string, id: string): Promise<AgentVersion[]> {
    const snap = await this.ref(tenant, id).collection(agentCollections.versions).limit(MAX_VERSIONS).get();
    return snap.docs.map((d) => readDocument(StoredVersionSchema, d.data(), `agents/${tenant}/${id}/versions/${d.id}`));
  }

  async apply(tenant: string, id: string, version: string | undefined, plan: AgentPlan) {
    const ref = this.ref(tenant, id);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const versionSnap = version ? await tx.get(ref.collection(agentCollections.versions).doc(version)) : undefined;
      const current = snap.exists ? this.read(snap.data(), tenant, id) : undefined;
      const existing = versionSnap?.exists
        ? readDocument(StoredVersionSchema, versionSnap.data(), `agents/${tenant}/${id}/versions/${version}`)
        : undefined;
      const change = plan(current, existing);
      if (!change) return current;
      if (change.record === null) {
        // Reads come before writes in a transaction: the versions to remove with the agent.
        const versions = await tx.get(ref.collection(agentCollections.versions).limit(MAX_VERSIONS + 1));
        if (versions.size > MAX_VERSIONS)
          throw new ConflictError(`Agent ${id} has too many versions to delete at once.`);
        versions.docs.forEach((d) => tx.delete(d.ref));
        tx.delete(ref);
      } else tx.set(ref, change.record);
      if (change.newVersion)
        tx.create(ref.collection(agentCollections.versions).doc(change.newVersion.version), change.newVersion);
      for (const entry of change.events)
        tx.set(this.db.collection(agentCollections.outbox).doc(entry.event.id), {
          ...entry,
          at: new Date(entry.event.time),
        });
      return change.record ?? undefined;
    });
  }

  async removeFromOutbox(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const batch = this.db.batch();
    for (const id of eventIds) batch.delete(this.db.collection(agentCollections.outbox).doc(id));
    await batch.commit();
  }

  drainOutbox(publisher: EventPublisher, now: Date): Promise<number> {
    return drainFirestoreOutbox(this.db, agentCollections.outbox, publisher, now);
  }

  private ref(tenant: string, id: string) {
    return this.db.collection('tenants').doc(tenant).collection(agentCollections.agents).doc(id);
  }

  private read(data: unknown, tenant: string, id: string): AgentRecord {
    return readDocument(AgentRecordSchema, data, `tenants/${tenant}/agents/${id}`);
  }
}
