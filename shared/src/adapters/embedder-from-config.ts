import { z } from 'zod';
import { HashingEmbedder } from '../constitution/hashing-embedder';
import type { Embedder } from '../ports/embedder';
import { VertexAiEmbedder } from './vertex-ai-embedder';

/** The embedder settings every corpus function reads (add them to its config schema with `.extend`). */
export const EmbedderConfigShape = {
  /** `hashing`: the offline embedder shipped with Backbone; `vertex`: Vertex AI text embeddings. */
  EMBEDDER: z.enum(['hashing', 'vertex']).default('hashing'),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(32).max(2048).default(256),
  VERTEX_LOCATION: z.string().default('asia-south1'),
  VERTEX_EMBEDDING_MODEL: z.string().default('text-embedding-005'),
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
