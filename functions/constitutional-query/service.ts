import { LRUCache } from 'lru-cache';
import { type Clock, type Logger } from '@backbone/shared/core';
import { type CachedAnswer, type CorpusStore, type Embedder, type SearchHit } from '@backbone/shared/constitution';
import { queryKey } from './normalize';
import type { QueryRequest } from './schema';

export interface QueryAnswer {
  results: (Omit<SearchHit, 'documentId' | 'kind' | 'title' | 'precedent'> & {
    source: {
      documentId: string;
      kind: SearchHit['kind'];
      title: string;
      precedent?: SearchHit['precedent'];
    };
  })[];
  corpusVersion: number;
  cache: 'L1' | 'L2' | 'miss';
}

/**
 * L1: answers in this instance (LRU with a time to live), keyed by the exact query key and the
 * corpus version. L2: answers in Firestore, served only when made from the current version. L3:
 * vector search. Keys are exact after normalization, never a similarity threshold, so a question
 * is never answered with another question's results ("with" and "without approval" differ).
 */
export class ConstitutionalQuery {
  private readonly l1: LRUCache<string, CachedAnswer>;
  private version: number | undefined;

  constructor(
    private readonly deps: {
      store: CorpusStore;
      embedder: Embedder;
      clock: Clock;
      l1Entries: number;
      l1TtlMs: number;
      l2TtlMs: number;
    },
  ) {
    this.l1 = new LRUCache({ max: Math.max(1, deps.l1Entries), ttl: deps.l1TtlMs });
  }

  /** A new corpus version: every answer this instance holds is dropped (000#59). */
  onCorpusVersion(version: number, log?: Logger): void {
    if (version === this.version) return;
    if (this.version !== undefined)
      log?.info('corpus version changed; L1 dropped', { from: this.version, to: version });
    this.version = version;
    this.l1.clear();
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    const version = this.version ?? (await this.deps.store.state()).version;
    this.version ??= version;
    const key = queryKey(request);
    const l1Key = `${version}:${key}`;
    const now = this.deps.clock.now();
    const local = this.l1.get(l1Key);
    if (local) return present(local, 'L1', now);
    const shared = await this.deps.store.cacheGet(key);
    if (shared && shared.corpusVersion === version) {
      this.l1.set(l1Key, shared);
      return present(shared, 'L2', now);
    }
    const [vector] = await this.deps.embedder.embed([request.question], 'query');
    const results = await this.deps.store.search(vector!, {
      topK: request.topK,
      minScore: request.minScore,
      filters: request.filters,
      nowMs: now.getTime(),
    });
    const answer: CachedAnswer = { corpusVersion: version, results };
    this.l1.set(l1Key, answer);
    await this.deps.store.cachePut(key, answer, new Date(now.getTime() + this.deps.l2TtlMs));
    return present(answer, 'miss', now);
  }
}

/** A cached answer as served now: a precedent deprecated since it was cached is left out. */
function present(answer: CachedAnswer, cache: QueryAnswer['cache'], now: Date): QueryAnswer {
  const live = answer.results.filter(
    (r) => !r.precedent?.deprecatesAt || Date.parse(r.precedent.deprecatesAt) > now.getTime(),
  );
  return {
    results: live.map(({ documentId, kind, title, precedent, ...hit }) => ({
      ...hit,
      source: { documentId, kind, title, ...(precedent ? { precedent } : {}) },
    })),
    corpusVersion: answer.corpusVersion,
    cache,
  };
}
