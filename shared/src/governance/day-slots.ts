/**
 * What one instance knows of a tenant's day of action slots: which are taken (by it, or found
 * taken by another instance's create), and which its own callers are writing right now. Slots are
 * never given back within a day, so what is known taken stays taken; local callers never race
 * each other for one slot, and once every slot is known taken a run is refused with no I/O.
 */
export class DaySlots {
  readonly known = new Set<number>();
  private readonly writing = new Set<number>();
  private waiters: Array<() => void> = [];

  /**
   * Where this instance starts taking slots: a random point of the day, then onwards. Instances
   * starting far apart meet only when their runs reach each other; picking each slot at random
   * made them collide from the start (the birthday problem).
   */
  private readonly start: number;

  constructor(
    readonly limit: number,
    random: () => number = Math.random,
  ) {
    this.start = Math.floor(random() * limit);
  }

  get full(): boolean {
    return this.known.size >= this.limit;
  }

  /** The next slot from this instance's start that is neither known taken nor being written here; undefined if none is left. */
  reserve(): number | undefined {
    for (let i = 0; i < this.limit; i++) {
      const n = (this.start + i) % this.limit;
      if (this.known.has(n) || this.writing.has(n)) continue;
      this.writing.add(n);
      return n;
    }
    return undefined;
  }

  /** The slot's write ended: taken by this caller or found taken, it is taken either way. */
  settle(n: number, outcome: 'taken' | 'unknown'): void {
    this.writing.delete(n);
    if (outcome === 'taken') this.known.add(n);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when one of this instance's writes ends (nothing to reserve until then). */
  nextSettled(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** DaySlots per tenant and day, the oldest forgotten first past `max` (it is only knowledge, re-learnt by a listing). */
export class DaySlotsCache {
  private readonly entries = new Map<string, DaySlots>();

  constructor(
    private readonly max = 10_000,
    private readonly random: () => number = Math.random,
  ) {}

  get(tenant: string, day: string, limit: number): DaySlots {
    const key = `${tenant}\n${day}`;
    let slots = this.entries.get(key);
    // A changed quota (a plan change mid-day) starts over from what the store lists.
    if (!slots || slots.limit !== limit) {
      slots = new DaySlots(limit, this.random);
      this.entries.set(key, slots);
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    return slots;
  }
}
