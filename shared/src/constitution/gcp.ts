// The constitution domain's Google adapters.
export { chunkId, corpusCollections, FirestoreCorpusStore } from './firestore-corpus-store';
export { VertexAiEmbedder } from './vertex-ai-embedder';
export { EMBEDDER_MANIFEST_ENV, EmbedderConfigShape, embedderFromConfig } from './embedder-from-config';
