/**
 * Runs the tasks of this instance that share a key one after another, in arrival order, and the
 * others concurrently. Transactions of one instance on one document would otherwise contend in
 * Firestore (lock waits and aborted retries); queued here they cost one round trip each. A task
 * with several keys takes them in sorted order, so two tasks never wait on each other.
 */
export class KeyedLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.lock(key));
      return await task();
    } finally {
      for (const release of releases) release();
    }
  }

  /** Keys held or waited for now (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }

  private async lock(key: string): Promise<() => void> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(key, tail);
    if (previous) await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
