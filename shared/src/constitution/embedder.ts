/** Turns texts into unit vectors of `dimensions` (one model per corpus: vectors of two models never mix). */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  /** `query` for a question, `document` for corpus text (some models embed the two differently). */
  embed(texts: string[], purpose: 'query' | 'document'): Promise<number[][]>;
}
