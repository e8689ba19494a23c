import { FieldPath, type Firestore } from '@google-cloud/firestore';
import { ConflictError } from '../core/errors/app-errors';
import { GroupRead } from '../core/concurrency/group-read';
import { AgentStateError } from './lifecycle';
import { fromFirestore, readDocument } from '../gcp/firestore-documents';
import { drainFirestoreOutbox } from '../gcp/firestore-outbox';
import type { EventPublisher } from '../core/ports/event-publisher';
import { AgentVersionInputSchema, type AgentVersion } from './agent-spec';
import { AgentRecordSchema, type AgentRecord } from './agent-record';
import {
  MAX_VERSIONS,
  type AgentFilter,
  type AgentPlan,
  type AgentRun,
  type AgentStore,
  type RunOutcome,
  type RunAdmission,
} from './agent-store';
import { z } from 'zod';

const StoredVersionSchema = AgentVersionInputSchema.extend({
  specHash: z.string(),
  author: z.string(),
  createdAt: z.date(),
});

/** How long an ended run's record (and a violation) is kept for the suspension triggers, then TTL-deleted. */
const RUN_RETENTION_MS = 7 * 86_400_000;

export const agentCollections = {
  agents: 'agents',
  versions: 'versions',
  runs: 'runs',
  violations: 'violations',
  outbox: 'agent_outbox',
  /** One document per agent with an upgrade in progress, for the upgrade sweep to find without a collection-group query. */
  upgrades: 'agent_upgrades',
} as const;

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
      // The upgrade marker follows the record's state.
      const marker = this.db.collection(agentCollections.upgrades).doc(`${tenant}~${id}`);
      if (change.record?.upgrade) tx.set(marker, { tenant, id, since: change.record.upgrade.startedAt });
      else if (current?.upgrade) tx.delete(marker);
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

  async registerRun(tenant: string, id: string, runId: string, now: Date, leaseMs: number, admit: RunAdmission) {
    const ref = this.ref(tenant, id);
    const runRef = ref.collection(agentCollections.runs).doc(runId);
    return this.db.runTransaction(async (tx) => {
      const [agentSnap, runSnap] = await Promise.all([tx.get(ref), tx.get(runRef)]);
      const existing = runSnap.exists ? (fromFirestore(runSnap.data()) as AgentRun & { outcome?: string }) : undefined;
      if (existing?.outcome)
        throw new AgentStateError(`Run ${runId} has ended; a new run takes a new id.`, { run: runId });
      const version =
        existing?.version ?? admit(agentSnap.exists ? this.read(agentSnap.data(), tenant, id) : undefined);
      const run: AgentRun = {
        runId,
        version,
        startedAt: existing?.startedAt ?? now,
        leaseExpiresAt: new Date(now.getTime() + leaseMs),
      };
      tx.set(runRef, run);
      return run;
    });
  }

  async heartbeat(tenant: string, id: string, runId: string, now: Date, leaseMs: number) {
    const runRef = this.ref(tenant, id).collection(agentCollections.runs).doc(runId);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(runRef);
      const run = snap.exists ? (fromFirestore(snap.data()) as AgentRun) : undefined;
      if (!run || run.leaseExpiresAt <= now) return undefined;
      const renewed = { ...run, leaseExpiresAt: new Date(now.getTime() + leaseMs) };
      tx.set(runRef, renewed);
      return renewed;
    });
  }

  async finishRun(tenant: string, id: string, runId: string, outcome: RunOutcome, at: Date) {
    const runRef = this.ref(tenant, id).collection(agentCollections.runs).doc(runId);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(runRef);
      if (!snap.exists || snap.get('outcome')) return false;
      // Its lease ends now; the record stays a week for the error rate (TTL on expireAt).
      tx.update(runRef, {
        outcome,
        endedAt: at,
        leaseExpiresAt: at,
        expireAt: new Date(at.getTime() + RUN_RETENTION_MS),
      });
      return true;
    });
  }

  async runOutcomes(tenant: string, id: string, since: Date) {
    const runs = this.ref(tenant, id).collection(agentCollections.runs).where('endedAt', '>=', since);
    const [ended, failed] = await Promise.all([
      runs.count().get(),
      runs.where('outcome', '==', 'failed').count().get(),
    ]);
    return { ended: ended.data().count, failed: failed.data().count };
  }

  async hasActiveRuns(tenant: string, id: string, now: Date) {
    const live = await this.ref(tenant, id)
      .collection(agentCollections.runs)
      .where('leaseExpiresAt', '>', now)
      .limit(1)
      .get();
    return !live.empty;
  }

  async recordViolation(tenant: string, id: string, decisionId: string, at: Date, policies: string[]) {
    try {
      await this.ref(tenant, id)
        .collection(agentCollections.violations)
        .doc(decisionId)
        .create({ at, policies, expireAt: new Date(at.getTime() + RUN_RETENTION_MS) });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6) return false;
      throw error;
    }
  }

  async violationsSince(tenant: string, id: string, since: Date) {
    const count = await this.ref(tenant, id)
      .collection(agentCollections.violations)
      .where('at', '>=', since)
      .count()
      .get();
    return count.data().count;
  }

  async upgradesInProgress(limit: number) {
    const snap = await this.db.collection(agentCollections.upgrades).orderBy('since').limit(limit).get();
    return snap.docs.map((d) => ({ tenant: d.get('tenant') as string, id: d.get('id') as string }));
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
