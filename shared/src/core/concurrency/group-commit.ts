/**
 * Joins the small writes of concurrent callers into one commit: while a commit is in flight, what
 * arrives waits and goes with the next one. A caller's promise settles with the commit that
 * carried its items, so nobody answers before its write is durable; one RPC serves many requests.
 */
export class GroupCommit<T> {
  private pending: { items: T[]; done: Array<{ resolve: () => void; reject: (e: unknown) => void }> } = {
    items: [],
    done: [],
  };
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxItems = 500,
  ) {}

  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.items.push(...items);
      this.pending.done.push({ resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves once everything added so far is committed or has failed. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    await Promise.resolve(); // lets the callers of this tick join the first commit
    while (this.pending.items.length > 0) {
      const group = this.pending;
      this.pending = { items: [], done: [] };
      try {
        for (let i = 0; i < group.items.length; i += this.maxItems)
          await this.commit(group.items.slice(i, i + this.maxItems));
        for (const d of group.done) d.resolve();
      } catch (error) {
        for (const d of group.done) d.reject(error);
      }
    }
    this.flushing = undefined;
  }
}
