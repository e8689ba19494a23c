import {
  AggregateField,
  FieldValue,
  type DocumentData,
  type Firestore,
  type Query,
  type QuerySnapshot,
  type Transaction,
  type WriteBatch,
} from '@google-cloud/firestore';
import type { AuditEntry } from '../audit/audit-record';
import {
  decisionDeltas,
  MODEL_USAGE_FIELDS,
  ROLLUP_COUNTERS,
  zeroTotals,
  type AgentDecision,
  type ModelUsage,
  type RollupDelta,
  type RollupTotals,
} from './run-rollup';
import { mergeRollups, type AgentRollup, type DayRange, type RunStatsStore } from './step-store';

/**
 * `tenants/{tenant}/run_rollups/{day}~{agent}~{shard}`: counters added with increments, never
 * read-modify-write. Shards `0`..`15` take the intake's writes; shard `audit` takes the audit
 * sequencer's (one transaction a round, at most one a second).
 */
export const RUN_ROLLUPS = 'run_rollups';

function rollupRef(db: Firestore, tenant: string, agentId: string, day: string, shard: string | number) {
  return db.collection('tenants').doc(tenant).collection(RUN_ROLLUPS).doc(`${day}~${agentId}~${shard}`);
}

/**
 * Adds a delta to one shard of its rollup, inside the caller's batch or transaction. Every counter
 * is written, zero or not: a query with several aggregations counts only documents holding every
 * field it sums.
 */
export function rollupWrite(
  db: Firestore,
  writer: WriteBatch | Transaction,
  delta: RollupDelta,
  shard: string | number,
) {
  const counters = Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, FieldValue.increment(delta.counters[c] ?? 0)]));
  const models = Object.fromEntries(
    Object.entries(delta.models).map(([name, usage]) => [
      name,
      Object.fromEntries(Object.entries(usage).map(([k, n]) => [k, FieldValue.increment(n)])),
    ]),
  );
  // An empty map in a merge is a value, not a path: it would wipe the models counted so far.
  const data = {
    tenant: delta.tenant,
    agentId: delta.agentId,
    day: delta.day,
    ...counters,
    ...(Object.keys(models).length > 0 ? { models } : {}),
  };
  (writer as WriteBatch).set(rollupRef(db, delta.tenant, delta.agentId, delta.day, shard), data, { merge: true });
}

/**
 * The PEP decisions about agents' actions in an audit round, counted into the agents' rollups in
 * the round's own transaction: each decision is counted exactly when it is chained.
 */
export function countAgentDecisions(db: Firestore) {
  return (tx: Transaction, entries: AuditEntry[]) => {
    const decisions = entries.flatMap((e): AgentDecision[] => {
      const agent = e.details.agent as { tenant?: unknown; id?: unknown } | undefined;
      if (!e.action.startsWith('pep.') || typeof agent?.tenant !== 'string' || typeof agent.id !== 'string') return [];
      return [{ tenant: agent.tenant, agentId: agent.id, at: new Date(e.at), denied: e.outcome === 'deny' }];
    });
    for (const delta of decisionDeltas(decisions)) rollupWrite(db, tx, delta, 'audit');
  };
}

/** Firestore answers at most five aggregations per query. */
const AGGREGATION_GROUPS = [ROLLUP_COUNTERS.slice(0, 5), ROLLUP_COUNTERS.slice(5)];

export class FirestoreRunStats implements RunStatsStore {
  constructor(private readonly db: Firestore) {}

  private rollups(tenant: string) {
    return this.db.collection('tenants').doc(tenant).collection(RUN_ROLLUPS);
  }

  /** Sum aggregations: the answer costs a read per thousand rollup documents, not one per document. */
  async totals(tenant: string, range: DayRange, agentId?: string): Promise<RollupTotals> {
    let query: Query = this.rollups(tenant);
    if (agentId) query = query.where('agentId', '==', agentId);
    query = query.where('day', '>=', range.from).where('day', '<=', range.to);
    const totals = zeroTotals();
    const answers = await Promise.all(
      AGGREGATION_GROUPS.map((group) =>
        query.aggregate(Object.fromEntries(group.map((c) => [c, AggregateField.sum(c)]))).get(),
      ),
    );
    for (const answer of answers)
      for (const [name, value] of Object.entries(answer.data()))
        totals[name as keyof RollupTotals] = Number(value ?? 0);
    return totals;
  }

  async daily(tenant: string, range: DayRange): Promise<AgentRollup[]> {
    return merge(await this.rollups(tenant).where('day', '>=', range.from).where('day', '<=', range.to).get(), true);
  }

  async allAgents(range: DayRange): Promise<AgentRollup[]> {
    return merge(
      await this.db.collectionGroup(RUN_ROLLUPS).where('day', '>=', range.from).where('day', '<=', range.to).get(),
    );
  }
}

/** The shards summed per agent (and per day, when `perDay`). */
function merge(snap: QuerySnapshot, perDay = false): AgentRollup[] {
  return mergeRollups(
    snap.docs.map((doc) => shardOf(doc.data())),
    perDay,
  );
}

/** A rollup shard as stored: its counters are top-level fields, each model's usage a map. */
function shardOf(data: DocumentData): RollupDelta {
  const models = (data.models ?? {}) as Record<string, Partial<ModelUsage>>;
  return {
    tenant: data.tenant,
    agentId: data.agentId,
    day: data.day,
    counters: Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, Number(data[c] ?? 0)])),
    models: Object.fromEntries(
      Object.entries(models).map(([name, usage]) => [
        name,
        Object.fromEntries(MODEL_USAGE_FIELDS.map((k) => [k, Number(usage[k] ?? 0)])) as unknown as ModelUsage,
      ]),
    ),
  };
}
