// The constitution domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  CORPUS_KINDS,
  PrecedentSeedSchema,
  splitConstitution,
  splitParagraphs,
  splitPrecedents,
  type Clause,
  type CorpusKind,
} from './clauses';
export { HashingEmbedder, terms } from './hashing-embedder';
export { ingestDocument } from './ingest';
export { cacheInvalidations } from './constitution-events';
export type { Embedder } from './embedder';
export type { CachedAnswer, CorpusState, CorpusStore, SearchFilters, SearchHit } from './corpus-store';
