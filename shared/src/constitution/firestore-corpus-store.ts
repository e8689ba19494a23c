import { createHash } from 'node:crypto';
import { FieldValue, type Firestore, type Query, type VectorValue } from '@google-cloud/firestore';
import type { CachedAnswer, CorpusState, CorpusStore, SearchFilters, SearchHit } from './corpus-store';
import type { Clause, CorpusKind } from './clauses';
import { ConflictError } from '../core/errors/app-errors';
import { GroupCommit } from '../core/concurrency/group-commit';

/** The corpus version's document is written at most this often by one instance. */
const VERSION_MOVE_INTERVAL_MS = 1_000;

/** A date far enough that "never deprecated" sorts after every real one. */
const NEVER = 8_640_000_000_000_000;

export const corpusCollections = {
  chunks: 'constitution_chunks',
  documents: 'constitution_documents',
  state: 'constitution_state',
  cache: 'constitution_cache',
} as const;

/**
 * Clauses in `constitution_chunks/{chunkId(clauseId)}` with a vector field searched by `findNearest` (a
 * vector index per filter combination is declared in firestore.indexes.json); the corpus version
 * in `constitution_state/current`; each document's content hash in `constitution_documents/{id}`;
 * cached answers in `constitution_cache/{key}` (TTL on `expireAt`).
 */
export class FirestoreCorpusStore implements CorpusStore {
  private lastVersionMove = 0;

  constructor(private readonly db: Firestore) {}

  async state(): Promise<CorpusState> {
    return toState((await this.stateRef().get()).data());
  }

  watch(onChange: (state: CorpusState) => void, onError: (error: Error) => void): () => void {
    return this.stateRef().onSnapshot((snap) => onChange(toState(snap.data())), onError);
  }

  async documentKind(documentId: string): Promise<CorpusKind | undefined> {
    const doc = await this.db.collection(corpusCollections.documents).doc(documentId).get();
    if (!doc.exists) return undefined;
    return (doc.get('kind') as CorpusKind | undefined) ?? (await this.kindOfChunks(documentId));
  }

  /** Documents written before the kind was stored: the kind of their clauses. */
  private async kindOfChunks(documentId: string): Promise<CorpusKind | undefined> {
    const snap = await this.db
      .collection(corpusCollections.chunks)
      .where('documentId', '==', documentId)
      .select('kind')
      .limit(1)
      .get();
    return snap.docs[0]?.get('kind') as CorpusKind | undefined;
  }

  async replaceDocument(input: {
    documentId: string;
    kind: CorpusKind;
    contentHash: string;
    clauses: (Clause & { embedding: number[] })[];
    model: string;
  }): Promise<{ changed: boolean; version: number; removed: number }> {
    if (input.clauses.length > 450) throw new Error('A document may hold at most 450 clauses.');
    const chunks = this.db.collection(corpusCollections.chunks);
    const docRef = this.db.collection(corpusCollections.documents).doc(input.documentId);
    // The corpus version is read, not locked: the document's transaction touches the document's
    // own records only, so ingests of different documents do not queue on the version's document.
    const current = await this.state();
    const result = await this.db.runTransaction(async (tx) => {
      const [doc, existing] = await Promise.all([
        tx.get(docRef),
        tx.get(chunks.where('documentId', '==', input.documentId).select('kind')),
      ]);
      const stored = (doc.get('kind') as CorpusKind | undefined) ?? existing.docs[0]?.get('kind');
      if (stored !== undefined && stored !== input.kind)
        throw new ConflictError(
          `Document '${input.documentId}' is a ${stored} document; it cannot be replaced by a ${input.kind}.`,
        );
      const storedModel = (doc.get('model') as string | undefined) ?? current.model;
      if (doc.get('contentHash') === input.contentHash && storedModel === input.model)
        // Unchanged, unless the process that wrote it stopped before moving the version.
        return { changed: doc.get('versionPending') === true, removed: 0 };
      // The version this change will be part of (at least): the clauses' stamp.
      const version = current.version + 1;
      const keep = new Set(input.clauses.map((c) => chunkId(c.clauseId)));
      const stale = existing.docs.filter((d) => !keep.has(d.id));
      for (const d of stale) tx.delete(d.ref);
      for (const { embedding, precedent, ...clause } of input.clauses) {
        tx.set(chunks.doc(chunkId(clause.clauseId)), {
          ...clause,
          ...(precedent ? { precedent } : {}),
          embedding: FieldValue.vector(embedding),
          deprecatesAt: precedent?.deprecatesAt ? Date.parse(precedent.deprecatesAt) : NEVER,
          corpusVersion: version,
        });
      }
      tx.set(docRef, {
        kind: input.kind,
        contentHash: input.contentHash,
        clauses: input.clauses.length,
        version,
        model: input.model,
        versionPending: true,
      });
      return { changed: true, removed: stale.length };
    });
    if (!result.changed) return { changed: false, version: current.version, removed: 0 };
    // Only now, with the clauses visible, may cached answers of the old version stop being served.
    await this.versionMoves.add([{ documentId: input.documentId, model: input.model }]);
    return { changed: true, version: (await this.state()).version, removed: result.removed };
  }

  /**
   * Moves the corpus version for the documents committed meanwhile: one write for all of them, at
   * most one a second from this instance (Firestore's sustained rate for one document), and no
   * transaction: the count is a server-side increment. Each document's `versionPending` is cleared
   * in the same commit, so a crash before it leaves the move to the document's next delivery.
   */
  private readonly versionMoves = new GroupCommit<{ documentId: string; model: string }>(async (moves) => {
    const wait = this.lastVersionMove + VERSION_MOVE_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const batch = this.db.batch();
    batch.set(
      this.stateRef(),
      { version: FieldValue.increment(1), model: moves.at(-1)!.model, updatedAt: FieldValue.serverTimestamp() },
      { merge: true },
    );
    for (const documentId of new Set(moves.map((m) => m.documentId)))
      batch.update(this.db.collection(corpusCollections.documents).doc(documentId), { versionPending: false });
    await batch.commit();
    this.lastVersionMove = Date.now();
  });

  async search(
    vector: number[],
    options: { topK: number; minScore: number; filters: SearchFilters; nowMs: number },
  ): Promise<SearchHit[]> {
    let query: Query = this.db.collection(corpusCollections.chunks).where('deprecatesAt', '>', options.nowMs);
    if (options.filters.kind) query = query.where('kind', '==', options.filters.kind);
    if (options.filters.documentId) query = query.where('documentId', '==', options.filters.documentId);
    const snap = await query
      .findNearest({
        vectorField: 'embedding',
        queryVector: vector,
        limit: options.topK,
        distanceMeasure: 'COSINE',
        distanceResultField: '_distance',
        // Cosine distance = 1 - similarity.
        distanceThreshold: 1 - options.minScore,
      })
      .get();
    return snap.docs.map((d) => {
      const data = d.data() as Clause & { corpusVersion: number; _distance: number; embedding: VectorValue };
      return {
        clauseId: data.clauseId,
        documentId: data.documentId,
        kind: data.kind,
        title: data.title,
        text: data.text,
        score: Math.round((1 - data._distance) * 1e6) / 1e6,
        corpusVersion: data.corpusVersion,
        ...(data.precedent ? { precedent: data.precedent } : {}),
      };
    });
  }

  async cacheGet(key: string): Promise<CachedAnswer | undefined> {
    const snap = await this.db.collection(corpusCollections.cache).doc(key).get();
    return snap.exists ? (snap.get('answer') as CachedAnswer) : undefined;
  }

  async cachePut(key: string, answer: CachedAnswer, expireAt: Date): Promise<void> {
    await this.db
      .collection(corpusCollections.cache)
      .doc(key)
      .set({ answer, corpusVersion: answer.corpusVersion, expireAt });
  }

  private stateRef() {
    return this.db.collection(corpusCollections.state).doc('current');
  }
}

/**
 * A clause's document id: a hash prefix, then the clause id. A document's clauses have ids in
 * sequence (`doc/art-1/cl-1`, `cl-2`, ...), and a corpus load writes them at about a thousand a
 * second: under their own names they would all land in one key range, which Firestore serves at
 * about 500 writes a second; the prefix spreads them over the key space.
 */
export function chunkId(clauseId: string): string {
  return `${createHash('sha256').update(clauseId).digest('hex').slice(0, 8)}-${encodeURIComponent(clauseId)}`;
}

function toState(data: FirebaseFirestore.DocumentData | undefined): CorpusState {
  return {
    version: (data?.version as number | undefined) ?? 0,
    model: (data?.model as string | undefined) ?? null,
  };
}
