import { createHash } from 'node:crypto';

/**
 * A question in the form cache keys are made of: Unicode-normalized, lower case, single spaces,
 * without trailing punctuation. Every word is kept (negations above all): "with approval" and
 * "without approval" are different questions and never share an answer.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.;:,]+$/u, '');
}

/** The exact cache key of a query: its normalized question and every parameter that shapes the answer. */
export function queryKey(query: {
  question: string;
  topK: number;
  minScore: number;
  filters: Record<string, string | undefined>;
}): string {
  const filters = Object.entries(query.filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([normalizeQuestion(query.question), query.topK, query.minScore, filters]))
    .digest('hex');
}
