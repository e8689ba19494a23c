import { GoogleAuth } from 'google-auth-library';
import { TransientError } from '../core/errors/app-errors';
import type { Embedder } from './embedder';

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}>;

/**
 * Vertex AI text embeddings (`publishers/google/models/<model>:predict`), e.g. `text-embedding-005`
 * at 256 dimensions (`outputDimensionality`), with the task type for questions and for corpus text.
 * Credentials from the runtime's service account (Application Default Credentials).
 */
export class VertexAiEmbedder implements Embedder {
  constructor(
    private readonly options: {
      projectId: string;
      location: string;
      model: string;
      dimensions: number;
      /** Injected in tests; production uses ADC and the global fetch. */
      accessToken?: () => Promise<string>;
      fetch?: Fetch;
    },
  ) {}

  get model(): string {
    return `vertex/${this.options.model}@${this.options.dimensions}`;
  }
  get dimensions(): number {
    return this.options.dimensions;
  }

  async embed(texts: string[], purpose: 'query' | 'document'): Promise<number[][]> {
    const { projectId, location, model, dimensions } = this.options;
    const url = `https://${location}-aiplatform.googleapis.com/v1/projects/${projectId}/locations/${location}/publishers/google/models/${model}:predict`;
    const token = await (this.options.accessToken ?? defaultToken)();
    const response = await (this.options.fetch ?? (fetch as unknown as Fetch))(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        instances: texts.map((content) => ({
          content,
          task_type: purpose === 'query' ? 'RETRIEVAL_QUERY' : 'RETRIEVAL_DOCUMENT',
        })),
        parameters: { outputDimensionality: dimensions, autoTruncate: true },
      }),
    });
    if (!response.ok) {
      const detail = (await response.text()).slice(0, 300);
      if (response.status === 429 || response.status >= 500)
        throw new TransientError(`Vertex AI embeddings answered ${response.status}: ${detail}`);
      throw new Error(`Vertex AI embeddings answered ${response.status}: ${detail}`);
    }
    const body = (await response.json()) as { predictions?: { embeddings?: { values?: number[] } }[] };
    const vectors = (body.predictions ?? []).map((p) => p.embeddings?.values ?? []);
    if (vectors.length !== texts.length || vectors.some((v) => v.length !== dimensions))
      throw new Error(
        `Vertex AI returned ${vectors.length} embeddings for ${texts.length} texts, or of the wrong size.`,
      );
    return vectors.map(normalize);
  }
}

let auth: GoogleAuth | undefined;
async function defaultToken(): Promise<string> {
  auth ??= new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  const token = await auth.getAccessToken();
  if (!token) throw new TransientError('No access token for Vertex AI.');
  return token;
}

/** Reduced-dimension embeddings are not unit length; cosine search expects them to be. */
function normalize(v: number[]): number[] {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
