import { createHash } from 'node:crypto';
import type { Embedder } from './embedder';

// Words too common to say anything about meaning. Negations are NOT here: they carry meaning.
const STOPWORDS = new Set(
  'a an the of to in on at for by and or is are be was were it its this that these those with as from may can could should would do does did has have had i we you they he she what which who whom when where why how any every each all'.split(
    ' ',
  ),
);

/** A crude English stem: enough for "approvals"/"approval", "suspended"/"suspension" to meet. */
function stem(word: string): string {
  for (const suffix of ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ed', 'es', 's', 'ly'])
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}

export function terms(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(stem);
}

/**
 * The embedder shipped with Backbone: deterministic, offline, no model. Each stemmed word and each
 * pair of neighbouring words is hashed (SHA-256) to one of `dimensions` buckets with a sign, the
 * counts are log-damped and the vector is L2-normalized. Cosine similarity then ranks by shared
 * (stemmed) vocabulary and word pairs: lexical relevance, not meaning. Synonyms do not meet; use
 * the Vertex AI adapter for semantic search.
 */
export class HashingEmbedder implements Embedder {
  readonly model: string;

  constructor(readonly dimensions = 256) {
    this.model = `backbone-hashing-v1-${dimensions}`;
  }

  // Queries and documents are embedded alike.
  async embed(texts: string[], _purpose?: 'query' | 'document'): Promise<number[][]> {
    return texts.map((text) => this.vector(text));
  }

  private vector(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    const words = terms(text);
    const features = [...words, ...words.slice(1).map((w, i) => `${words[i]}_${w}`)];
    for (const feature of features) {
      const digest = createHash('sha256').update(feature).digest();
      const bucket = digest.readUInt32BE(0) % this.dimensions;
      const weight = feature.includes('_') ? 0.5 : 1;
      v[bucket]! += (digest[4]! & 1 ? 1 : -1) * weight;
    }
    for (let i = 0; i < v.length; i++) v[i] = Math.sign(v[i]!) * Math.log1p(Math.abs(v[i]!));
    const norm = Math.hypot(...v) || 1;
    return Array.from(v, (x) => x / norm);
  }
}
