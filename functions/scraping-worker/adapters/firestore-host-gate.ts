import { randomUUID } from 'node:crypto';
import { FieldValue, type DocumentReference, type Firestore, type Timestamp } from '@google-cloud/firestore';
import type { HostGate, HostLease } from '../host-gate';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;

type Options = { limit: number; spacingMs: number; leaseMs: number };
/** A slot handed from a releasing request to a local waiter, with the host's pause read meanwhile. */
type Handed = { lease: HostLease; pausedUntil: number };
interface Held {
  slot: number;
  writeTime: Timestamp;
  leaseMs: number;
}

/**
 * A lease semaphore per host in Firestore, shared by every worker instance.
 *
 * `scrape_hosts/{host}` holds the pause and the next start time; `slots/{0..limit-1}` one lease each,
 * with an expiry so a crashed worker's slot frees itself. A slot is taken with `create` (atomic: it
 * fails while the slot is held) and freed with a `delete` conditioned on the lease's own write time,
 * so no transaction is needed and nobody frees another's lease.
 *
 * Within one instance, requests beyond the limit wait in memory rather than poll Firestore, and a
 * released slot is handed straight to the next local waiter (its lease renewed, again conditioned
 * on its write time). Other instances poll with a short jittered backoff, so the global limit holds.
 */
export class FirestoreHostGate implements HostGate {
  private readonly held = new Map<string, Held>();
  private readonly local = new Map<string, { active: number; queue: ((handed?: Handed) => void)[] }>();
  private readonly pausedHere = new Map<string, number>();

  constructor(
    private readonly db: Firestore,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(host: string, options: Options): Promise<HostLease> {
    const state = this.localState(host);
    if (state.active >= options.limit) {
      const handed = await new Promise<Handed | undefined>((resolve) => state.queue.push(resolve));
      if (handed) {
        await this.respectPace(host, options, handed.pausedUntil);
        return handed.lease;
      }
    }
    state.active++;
    try {
      return await this.acquireSlot(host, options);
    } catch (error) {
      state.active--;
      throw error;
    }
  }

  async release(lease: HostLease): Promise<void> {
    const state = this.localState(lease.host);
    const held = this.held.get(lease.id);
    this.held.delete(lease.id);
    const next = state.queue.shift();
    if (next && held) {
      // The host's pause is read while the slot is renewed: the waiter needs both.
      const [renewed, pausedUntil] = await Promise.all([this.renew(lease.host, held), this.pausedUntil(lease.host)]);
      if (renewed) return next({ lease: renewed, pausedUntil });
    }
    state.active--;
    if (held) await this.deleteSlot(lease.host, held);
    next?.();
  }

  async pause(host: string, untilMs: number): Promise<void> {
    this.pausedHere.set(host, Math.max(untilMs, this.pausedHere.get(host) ?? 0));
    // One blind write, not a read-modify-write transaction: the server keeps the later of the two
    // pauses, so concurrent 429s from one host cannot shorten each other, and other instances
    // see the pause a round trip or two sooner.
    await this.hostRef(host).set({ pausedUntil: FieldValue.maximum(untilMs) }, { merge: true });
  }

  private async acquireSlot(host: string, options: Options): Promise<HostLease> {
    for (let round = 0; ; round++) {
      // The pause is read while a slot is claimed (one round trip instead of two); a slot claimed
      // for a paused host is given back before waiting, so no lease outlives its expiry unused.
      const paused = this.pausedUntil(host);
      paused.catch(() => undefined); // awaited below; a failed read must not go unhandled meanwhile
      let lease: HostLease | undefined;
      for (const slot of [...Array(options.limit).keys()].sort(() => Math.random() - 0.5)) {
        lease = await this.claim(host, slot, options.leaseMs);
        if (lease) break;
      }
      // The read may have left before this instance heard a 429 from the host: its own pause too.
      const read = await paused.catch(async (error: unknown) => {
        if (lease) await this.free(host, lease);
        throw error;
      });
      const pausedUntil = this.withOwnPause(host, read);
      if (pausedUntil > this.now()) {
        if (lease) await this.free(host, lease);
        await this.sleepUntil(pausedUntil);
        continue;
      }
      if (lease) {
        if (options.spacingMs > 0) await sleep((await this.reserveStart(host, options.spacingMs)) - this.now());
        return lease;
      }
      await sleep(Math.min(20 * 2 ** round, 250) * (0.5 + Math.random()));
    }
  }

  /** A handed-over slot still waits for a pause another instance set, and for the crawl delay. */
  private async respectPace(host: string, options: Options, readPause: number): Promise<void> {
    const pausedUntil = this.withOwnPause(host, readPause);
    if (pausedUntil > this.now()) {
      await this.sleepUntil(pausedUntil);
      while (await this.waitWhilePaused(host));
    }
    if (options.spacingMs > 0) await sleep((await this.reserveStart(host, options.spacingMs)) - this.now());
  }

  /** True if it waited (the caller looks again). */
  private async waitWhilePaused(host: string): Promise<boolean> {
    const pausedUntil = await this.pausedUntil(host);
    if (pausedUntil <= this.now()) return false;
    await this.sleepUntil(pausedUntil);
    return true;
  }

  /** A pause read from Firestore, or this instance's own if later (it may have come meanwhile). */
  private withOwnPause(host: string, read: number): number {
    return Math.max(read, this.pausedHere.get(host) ?? 0);
  }

  /** Until the pause is over, plus jitter so waiters do not all start at once. */
  private sleepUntil(untilMs: number): Promise<void> {
    return sleep(untilMs - this.now() + Math.random() * 50);
  }

  /** Until when the host is paused: this instance's own pause without a read (it is written before the slot is freed). */
  private async pausedUntil(host: string): Promise<number> {
    const local = this.pausedHere.get(host) ?? 0;
    if (local > this.now()) return local;
    return ((await this.hostRef(host).get()).get('pausedUntil') as number | undefined) ?? 0;
  }

  /** Gives a claimed slot back unused; if that fails, the slot frees itself when its lease runs out. */
  private async free(host: string, lease: HostLease): Promise<void> {
    const held = this.held.get(lease.id);
    this.held.delete(lease.id);
    if (held) await this.deleteSlot(host, held).catch(() => undefined);
  }

  /** Deletes a slot if it is still this lease's. */
  private async deleteSlot(host: string, held: Held): Promise<void> {
    await this.slotRef(host, held.slot)
      .delete({ lastUpdateTime: held.writeTime })
      .catch((error: { code?: number }) => {
        // Expired and taken over by another worker meanwhile: that lease is theirs now.
        if (error.code !== FAILED_PRECONDITION) throw error;
      });
  }

  private async claim(host: string, slot: number, leaseMs: number): Promise<HostLease | undefined> {
    const ref = this.slotRef(host, slot);
    const first = await this.tryCreate(ref, host, slot, leaseMs);
    if (first) return first;
    // Held: free it only if its lease ran out (its holder crashed), then try once more.
    const held = await ref.get();
    if (held.exists && (held.get('expiresAt') as number) > this.now()) return undefined;
    if (held.exists) await ref.delete({ lastUpdateTime: held.updateTime! }).catch(() => undefined);
    return this.tryCreate(ref, host, slot, leaseMs);
  }

  private async tryCreate(
    ref: DocumentReference,
    host: string,
    slot: number,
    leaseMs: number,
  ): Promise<HostLease | undefined> {
    const id = randomUUID();
    try {
      const { writeTime } = await ref.create({ holder: id, expiresAt: this.now() + leaseMs });
      this.held.set(id, { slot, writeTime, leaseMs });
      return { host, id };
    } catch (error) {
      if ((error as { code?: number }).code === ALREADY_EXISTS) return undefined;
      throw error;
    }
  }

  /** The same slot under a new lease id, if it is still ours. */
  private async renew(host: string, held: Held): Promise<HostLease | undefined> {
    const id = randomUUID();
    try {
      const { writeTime } = await this.slotRef(host, held.slot).update(
        { holder: id, expiresAt: this.now() + held.leaseMs },
        { lastUpdateTime: held.writeTime },
      );
      this.held.set(id, { ...held, writeTime });
      return { host, id };
    } catch {
      return undefined;
    }
  }

  /** The next start time, spaced by the crawl delay from the previous one. */
  private reserveStart(host: string, spacingMs: number): Promise<number> {
    const ref = this.hostRef(host);
    return this.db.runTransaction(async (tx) => {
      const next = Math.max(this.now(), ((await tx.get(ref)).get('nextStartAt') as number | undefined) ?? 0);
      tx.set(ref, { nextStartAt: next + spacingMs }, { merge: true });
      return next;
    });
  }

  private localState(host: string) {
    let state = this.local.get(host);
    if (!state) this.local.set(host, (state = { active: 0, queue: [] }));
    return state;
  }
  private hostRef(host: string) {
    return this.db.collection('scrape_hosts').doc(encodeURIComponent(host));
  }
  private slotRef(host: string, slot: number) {
    return this.hostRef(host).collection('slots').doc(String(slot));
  }
}
