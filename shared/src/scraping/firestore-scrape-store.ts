import { type DocumentSnapshot, FieldValue, type Firestore, Timestamp } from '@google-cloud/firestore';
import type { Attempt, FinalOutcome, FinishChanges, ScrapeStore, SourceInRun } from './scrape-store';
import {
  KnowledgeSourceSchema,
  type KnowledgeSource,
  summarizeRun,
  type RunSource,
  type ScrapeRun,
  type ScrapeRunRecord,
} from './source';
import { fromFirestore, readDocument } from '../gcp/firestore-documents';

const FAILED_PRECONDITION = 9;

/** A source's state in a run, from its record there: settled (or unknown) is final. */
function runState(record: DocumentSnapshot): { final: boolean; attempts: number } {
  return {
    final: !record.exists || record.get('outcome') !== 'requested',
    attempts: (record.get('attempts') as number | undefined) ?? 0,
  };
}

/**
 * `knowledge_sources/{id}`, `scrape_runs/{runId}` with `sources/{sourceId}` under it. A source's
 * outcome in a run is settled once, with the source's own changes (a write conditioned on the
 * attempt's own, or a transaction), so a redelivered request can neither settle twice nor move a
 * settled outcome.
 */
export class FirestoreScrapeStore implements ScrapeStore {
  constructor(private readonly db: Firestore) {}

  async listSources(filter: { status?: KnowledgeSource['status'] } = {}): Promise<KnowledgeSource[]> {
    let query = this.sources().orderBy('__name__').limit(1000);
    if (filter.status) query = this.sources().where('status', '==', filter.status).limit(1000);
    const snap = await query.get();
    return snap.docs.map((d) => readDocument(KnowledgeSourceSchema, d.data(), `knowledge_sources/${d.id}`));
  }

  async source(id: string): Promise<KnowledgeSource | undefined> {
    const snap = await this.sources().doc(id).get();
    return snap.exists ? readDocument(KnowledgeSourceSchema, snap.data(), `knowledge_sources/${id}`) : undefined;
  }

  async putSource(source: KnowledgeSource): Promise<void> {
    await this.sources().doc(source.id).set(source);
  }

  async createRun(run: ScrapeRunRecord, sourceIds: string[]): Promise<{ created: boolean; pending: string[] }> {
    const ref = this.runs().doc(run.id);
    const created = await this.db.runTransaction(async (tx) => {
      if ((await tx.get(ref)).exists) return false;
      tx.create(ref, run);
      for (const sourceId of sourceIds)
        tx.create(ref.collection('sources').doc(sourceId), { sourceId, outcome: 'requested', attempts: 0 });
      return true;
    });
    if (created) return { created, pending: sourceIds };
    const pending = await ref.collection('sources').where('outcome', '==', 'requested').get();
    return { created, pending: pending.docs.map((d) => d.id) };
  }

  async run(id: string): Promise<{ run: ScrapeRun; sources: RunSource[] } | undefined> {
    const ref = this.runs().doc(id);
    const [snap, sources] = await Promise.all([ref.get(), ref.collection('sources').orderBy('__name__').get()]);
    if (!snap.exists) return undefined;
    const perSource = sources.docs.map((d) => fromFirestore(d.data()) as RunSource);
    return {
      run: summarizeRun(fromFirestore(snap.data()) as ScrapeRunRecord, perSource),
      sources: perSource,
    };
  }

  async sourceInRun(runId: string, sourceId: string): Promise<SourceInRun> {
    const [source, record] = await this.db.getAll(this.sources().doc(sourceId), this.runSource(runId, sourceId));
    return {
      source: source!.exists
        ? readDocument(KnowledgeSourceSchema, source!.data(), `knowledge_sources/${sourceId}`)
        : undefined,
      ...runState(record!),
    };
  }

  async beginAttempt(runId: string, sourceId: string, seen?: SourceInRun): Promise<Attempt> {
    // No transaction: the count is an atomic increment, and a settled outcome is never moved by
    // `finish`, so at worst two concurrent deliveries both fetch (and one settles).
    const ref = this.runSource(runId, sourceId);
    const state = seen ?? runState(await ref.get());
    if (state.final) return { final: true, attempts: state.attempts };
    const { writeTime } = await ref.update({ attempts: FieldValue.increment(1) });
    return { final: false, attempts: state.attempts + 1, mark: writeTime };
  }

  async finish(
    runId: string,
    sourceId: string,
    outcome: FinalOutcome,
    at: Date,
    changes: FinishChanges,
    mark?: unknown,
  ) {
    const ref = this.runSource(runId, sourceId);
    const settled = { outcome, finishedAt: at, ...(changes.reason ? { reason: changes.reason } : {}) };
    // Unchanged since this attempt counted itself, the record is still `requested`: one write
    // conditioned on that, instead of a transaction's read and commit.
    if (mark instanceof Timestamp) {
      const batch = this.db.batch().update(ref, settled, { lastUpdateTime: mark });
      if (changes.source) batch.set(this.sources().doc(sourceId), changes.source, { merge: true });
      try {
        await batch.commit();
        return true;
      } catch (error) {
        if ((error as { code?: number }).code !== FAILED_PRECONDITION) throw error;
      }
    }
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists || snap.get('outcome') !== 'requested') return false;
      tx.update(ref, settled);
      if (changes.source) tx.set(this.sources().doc(sourceId), changes.source, { merge: true });
      return true;
    });
  }

  private runSource(runId: string, sourceId: string) {
    return this.runs().doc(runId).collection('sources').doc(sourceId);
  }
  private sources() {
    return this.db.collection('knowledge_sources');
  }
  private runs() {
    return this.db.collection('scrape_runs');
  }
}
