import { z } from 'zod';
import { HashingEmbedder } from './hashing-embedder';
import type { Embedder } from './embedder';
import { VertexAiEmbedder } from './vertex-ai-embedder';

/** The embedder settings every corpus function reads (add them to its config schema with `.extend`). */
export const EmbedderConfigShape = {
  /** `hashing`: the offline embedder shipped with Backbone; `vertex`: Vertex AI text embeddings. */
  EMBEDDER: z.enum(['hashing', 'vertex']).default('hashing'),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(32).max(2048).default(256),
  VERTEX_LOCATION: z.string().default('asia-south1'),
  VERTEX_EMBEDDING_MODEL: z.string().default('text-embedding-005'),
};

/** The manifest env every corpus function declares for its embedder. */
export const EMBEDDER_MANIFEST_ENV = {
  EMBEDDER: {
    description: '`hashing` (offline, shipped) or `vertex` (Vertex AI text embeddings).',
    default: 'hashing',
  },
  EMBEDDING_DIMENSIONS: { description: 'Vector size of the corpus.', default: '256' },
  VERTEX_LOCATION: { description: 'Vertex AI region (EMBEDDER=vertex).', default: 'asia-south1' },
  VERTEX_EMBEDDING_MODEL: {
    description: 'Vertex AI embedding model (EMBEDDER=vertex).',
    default: 'text-embedding-005',
  },
};

export function embedderFromConfig(config: {
  GOOGLE_CLOUD_PROJECT: string;
  EMBEDDER: 'hashing' | 'vertex';
  EMBEDDING_DIMENSIONS: number;
  VERTEX_LOCATION: string;
  VERTEX_EMBEDDING_MODEL: string;
}): Embedder {
  return config.EMBEDDER === 'vertex'
    ? new VertexAiEmbedder({
        projectId: config.GOOGLE_CLOUD_PROJECT,
        location: config.VERTEX_LOCATION,
        model: config.VERTEX_EMBEDDING_MODEL,
        dimensions: config.EMBEDDING_DIMENSIONS,
      })
    : new HashingEmbedder(config.EMBEDDING_DIMENSIONS);
}
