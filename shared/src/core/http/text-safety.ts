/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists, so Firestore and Cedar refuse it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes a string unfit to store or decide on, if anything. */
export function unsafeText(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  if (text.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}

export const MAX_JSON_DEPTH = 32;

/**
 * The first place in a parsed JSON value that no store or engine can take: a string (or key) with
 * a lone surrogate or NUL, or nesting deeper than MAX_JSON_DEPTH. Iterative, so depth costs no stack.
 */
export function findUnsafeValue(value: unknown): { path: string; message: string } | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = unsafeText(v);
      if (problem) return { path, message: `the text ${problem}` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(v)) {
      const problem = unsafeText(key);
      if (problem) return { path, message: `a key ${problem}` };
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return undefined;
}
