import type { Clause, CorpusKind } from './clauses';

export interface CorpusState {
  version: number;
  /** The embedder model the corpus was built with. */
  model: string | null;
}

export interface SearchFilters {
  kind?: CorpusKind;
  documentId?: string;
}

export interface SearchHit {
  clauseId: string;
  documentId: string;
  kind: CorpusKind;
  title: string;
  text: string;
  /** Cosine similarity, 1 = same direction. */
  score: number;
  /** The corpus version that wrote this clause. */
  corpusVersion: number;
  precedent?: Clause['precedent'];
}

export interface CachedAnswer {
  corpusVersion: number;
  results: SearchHit[];
}

/** The constitution corpus: clauses with their vectors, the corpus version, and the shared (L2) answer cache. */
export interface CorpusStore {
  state(): Promise<CorpusState>;
  /** Calls `onChange` with the state now and on every change; returns the unsubscribe. */
  watch(onChange: (state: CorpusState) => void, onError: (error: Error) => void): () => void;
  /** The kind of the document stored under an id, if any. */
  documentKind(documentId: string): Promise<CorpusKind | undefined>;
  /**
   * Replaces a document's clauses (clauses no longer in it are removed) and moves the corpus to a
   * new version, unless the document's content is what is stored already: then nothing changes.
   * A document keeps its kind: replacing it with another kind throws ConflictError, checked in the
   * same transaction as the write.
   */
  replaceDocument(input: {
    documentId: string;
    kind: CorpusKind;
    contentHash: string;
    clauses: (Clause & { embedding: number[] })[];
    model: string;
  }): Promise<{ changed: boolean; version: number; removed: number }>;
  /** Nearest clauses by cosine similarity, deprecated precedents (as of `nowMs`) excluded. */
  search(
    vector: number[],
    options: { topK: number; minScore: number; filters: SearchFilters; nowMs: number },
  ): Promise<SearchHit[]>;
  cacheGet(key: string): Promise<CachedAnswer | undefined>;
  cachePut(key: string, answer: CachedAnswer, expireAt: Date): Promise<void>;
}
