/**
 * Joins the single-key reads of concurrent callers into one batched read: the keys asked for in
 * one tick go together, and while a read is in flight the next keys wait for the one after it. A
 * caller gets its own key's value; a failed read fails every caller it carried. One RPC serves
 * many requests, as GroupCommit does for writes.
 */
export class GroupRead<K, V> {
  private pending: Array<{ key: K; resolve: (v: V) => void; reject: (e: unknown) => void }> = [];
  private reading: Promise<void> | undefined;

  constructor(
    private readonly readMany: (keys: K[]) => Promise<V[]>,
    private readonly maxKeys = 100,
  ) {}

  get(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      this.reading ??= this.read();
    });
  }

  private async read(): Promise<void> {
    await Promise.resolve(); // lets the callers of this tick join the first read
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.maxKeys);
      try {
        const values = await this.readMany(group.map((g) => g.key));
        group.forEach((g, i) => g.resolve(values[i]!));
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.reading = undefined;
  }
}
