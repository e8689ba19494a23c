/**
 * Records by id for the in-memory doubles, copied in and out as a database would, so a caller
 * never holds the stored object.
 */
export class MemoryRecords<T> {
  readonly byId = new Map<string, T>();

  get(id: string): T | undefined {
    return structuredClone(this.byId.get(id));
  }
  put(id: string, record: T): T {
    this.byId.set(id, structuredClone(record));
    return structuredClone(record);
  }
  /** `change` sees a copy and answers what the record becomes, or null to leave it; undefined when there is none. */
  update(id: string, change: (current: T) => T | null): T | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const next = change(structuredClone(current));
    if (next) this.byId.set(id, structuredClone(next));
    return structuredClone(next ?? current);
  }
  /** Copies of the records that pass `keep`, in `order` (else as stored), at most `limit`. */
  select(keep: (record: T) => boolean, order?: (a: T, b: T) => number, limit = Infinity): T[] {
    const kept = [...this.byId.values()].filter(keep);
    if (order) kept.sort(order);
    return kept.slice(0, limit).map((record) => structuredClone(record));
  }
}
