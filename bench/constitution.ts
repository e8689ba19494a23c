import { percentile, systemClock } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { HashingEmbedder, type Clause } from '@backbone/shared/constitution';
import { FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { ConstitutionalQuery } from '../functions/constitutional-query/service';

export interface ConstitutionResult {
  chunks: number;
  dimensions: number;
  l1: { p50: number; p99: number };
  l2: { p50: number; p99: number };
  miss: { p50: number; p99: number };
  exact: { p50: number; p99: number };
  recallAt5: number;
  recallQueries: number;
}

// A deterministic pseudo-random stream (mulberry32), so every run indexes the same corpus.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const VOCABULARY = (
  'agent approval audit budget certification clause consent customer data decision deny deputy escalation ' +
  'genesis governor incident integration invoice key limit log mcp operator override policy precedent ' +
  'production region retention review role sandbox security server service suspension tenant trial ' +
  'violation webhook allowlist archive backup billing cache credit deletion export host identity ' +
  'knowledge ledger mobile notification payment permission portal quota refund regulator revoke schedule'
).split(' ');
const sentence = (next: () => number, words: number) =>
  Array.from({ length: words }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]).join(' ');
const ms = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50)!, p99: percentile(sorted, 99)! };
};

/** 10,000 chunks of 256 dimensions in the Firestore emulator, queried through the service's three levels. */
export async function benchConstitution(chunks = 10_000, dimensions = 256): Promise<ConstitutionResult> {
  const db = createFirestore(`demo-bench-corpus-${Date.now()}`);
  const store = new FirestoreCorpusStore(db);
  const embedder = new HashingEmbedder(dimensions);
  const next = rng(42);
  const texts = Array.from({ length: chunks }, () => sentence(next, 12));
  const vectors = await embedder.embed(texts, 'document');
  const perDocument = 400;
  for (let d = 0; d * perDocument < chunks; d++) {
    const clauses: (Clause & { embedding: number[] })[] = [];
    for (let i = d * perDocument; i < Math.min(chunks, (d + 1) * perDocument); i++)
      clauses.push({
        clauseId: `doc-${d}/c-${i}`,
        documentId: `doc-${d}`,
        kind: 'knowledge',
        title: `doc ${d}`,
        text: texts[i]!,
        embedding: vectors[i]!,
      });
    await store.replaceDocument({
      documentId: `doc-${d}`,
      kind: 'knowledge',
      contentHash: `h${d}`,
      clauses,
      model: embedder.model,
    });
  }

  const questions = Array.from({ length: 100 }, () => sentence(next, 6));
  const service = () =>
    new ConstitutionalQuery({
      store,
      embedder,
      clock: systemClock,
      l1Entries: 10_000,
      l1TtlMs: 600_000,
      l2TtlMs: 3_600_000,
    });
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const a = service();
  await a.query({ question: 'warm up the connection', topK: 5, minScore: 0, filters: {} });
  const ask = (s: ConstitutionalQuery, question: string) => s.query({ question, topK: 5, minScore: 0, filters: {} });
  const miss: number[] = [];
  for (const q of questions) miss.push(await timed(() => ask(a, q)));
  const l1: number[] = [];
  for (let r = 0; r < 10; r++) for (const q of questions) l1.push(await timed(() => ask(a, q)));
  const b = service(); // another instance: its L1 is empty, so each first answer comes from Firestore
  const l2: number[] = [];
  for (const q of questions) l2.push(await timed(() => ask(b, q)));

  // recall@5 of the search path (findNearest) against exact brute force over the same vectors.
  let found = 0;
  const exact: number[] = [];
  const recallQueries = questions.slice(0, 50);
  for (const q of recallQueries) {
    const [v] = await embedder.embed([q], 'query');
    const t = performance.now();
    const scores = vectors.map((u) => u.reduce((s, x, k) => s + x * v![k]!, 0));
    const fifth = [...scores].sort((x, y) => y - x)[4]!;
    exact.push(performance.now() - t);
    const hits = await store.search(v!, { topK: 5, minScore: 0, filters: {}, nowMs: Date.now() });
    // A hit is one of the true top 5 if its exact score reaches the fifth best: clauses tied with
    // the fifth are equally right (brute force breaks ties by position, Firestore by document name).
    found += hits.filter((h) => scores[Number(h.clauseId.split('/c-')[1])]! >= fifth - 1e-9).length;
  }
  await db.terminate();
  return {
    chunks,
    dimensions,
    l1: ms(l1),
    l2: ms(l2),
    miss: ms(miss),
    exact: ms(exact),
    recallAt5: found / (recallQueries.length * 5),
    recallQueries: recallQueries.length,
  };
}
