/**
 * Maps items with at most `limit` calls in flight, keeping input order in the results.
 * A worker pool over a shared cursor: no per-item promise chains, so 10,000 items cost no
 * more memory than `limit` in-flight calls.
 *
 * @example
 * const results = await mapWithConcurrency(services, 50, (service) => probe(service));
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
