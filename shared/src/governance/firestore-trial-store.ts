import { FieldPath, FieldValue, type Firestore } from '@google-cloud/firestore';
import { NotFoundError, TransientError } from '../core/errors/app-errors';
import { TrialStateSchema, type TrialState, type TrialUsage } from './trial';
import type { TrialStore } from './trial-store';
import { DaySlots, DaySlotsCache } from './day-slots';
import { fromFirestore, readDocument } from '../gcp/firestore-documents';

/**
 * Trial state on `tenants/{id}.trial`; spend in `trial_usage/{tenant}` (`spendCents`, with one
 * `spend/{usageId}` marker per applied report). A day's actions are slots: action `n` of the
 * quota is the document `trial_usage/{tenant}/actions/{day}-{n}`, taken with `create` (which
 * fails if it exists). No counter document, no transaction: concurrent runs each write their own
 * document, and at most the quota's slots exist. Within an instance, callers are handed distinct
 * slots, and a day known full is refused without a read.
 */
export class FirestoreTrialStore implements TrialStore {
  /** What this instance knows of each tenant's day (see DaySlots): its callers never race each other. */
  private readonly days: DaySlotsCache;
  private readonly listings = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Firestore,
    random: () => number = Math.random,
  ) {
    this.days = new DaySlotsCache(10_000, random);
  }

  async trialOf(tenant: string): Promise<TrialState | undefined> {
    const snap = await this.db.collection('tenants').doc(tenant).get();
    const trial = snap.get('trial') as unknown;
    return trial ? readDocument(TrialStateSchema, trial, `tenants/${tenant}.trial`) : undefined;
  }

  async usage(tenant: string, day: string): Promise<TrialUsage> {
    const [spend, count] = await Promise.all([this.usageRef(tenant).get(), this.slotsOf(tenant, day).count().get()]);
    return {
      actionsToday: count.data().count,
      spendCents: (spend.get('spendCents') as number | undefined) ?? 0,
    };
  }

  async takeAction(
    tenant: string,
    day: string,
    limit: number,
    deadline: number,
  ): Promise<{ taken: boolean; actionsToday: number }> {
    const actions = this.usageRef(tenant).collection('actions');
    const slots = this.days.get(tenant, day, limit);
    let misses = 0;
    while (Date.now() <= deadline) {
      if (slots.full) return { taken: false, actionsToday: slots.known.size };
      // A slot found taken by another instance: learn the day's slots at once instead of guessing on.
      if (misses >= 1) {
        await this.learn(tenant, day, slots);
        misses = 0;
        continue;
      }
      const n = slots.reserve();
      if (n === undefined) {
        // Every slot left is being written by this instance's other callers: wait for one to end.
        await settledOrDeadline(slots, deadline);
        continue;
      }
      let outcome: 'created' | 'exists' | 'failed' = 'failed';
      try {
        await actions.doc(`${day}-${n}`).create({ day, tenant, at: FieldValue.serverTimestamp() });
        outcome = 'created';
      } catch (error) {
        if ((error as { code?: number }).code !== 6) throw error; // 6: ALREADY_EXISTS
        outcome = 'exists';
      } finally {
        slots.settle(n, outcome === 'failed' ? 'unknown' : 'taken');
      }
      if (outcome === 'created') return { taken: true, actionsToday: slots.known.size };
      misses++;
    }
    throw new TransientError('the trial counter could not count this run in time; retry');
  }

  /** Lists the day's taken slots (ids only) into what this instance knows; concurrent callers share one listing. */
  private learn(tenant: string, day: string, slots: DaySlots): Promise<void> {
    const key = `${tenant}\n${day}`;
    let listing = this.listings.get(key);
    if (!listing) {
      listing = this.slotsOf(tenant, day)
        .select()
        .get()
        .then((snap) => {
          for (const d of snap.docs) {
            const n = Number(d.id.slice(day.length + 1));
            if (Number.isInteger(n) && n >= 0 && n < slots.limit) slots.known.add(n);
          }
        })
        .finally(() => this.listings.delete(key));
      this.listings.set(key, listing);
    }
    return listing;
  }

  /** The day's taken slots: ids from `{day}-` up to (not including) `{day}.` ('.' follows '-'). */
  private slotsOf(tenant: string, day: string) {
    const actions = this.usageRef(tenant).collection('actions');
    return actions
      .where(FieldPath.documentId(), '>=', actions.doc(`${day}-`))
      .where(FieldPath.documentId(), '<', actions.doc(`${day}.`));
  }

  addSpend(tenant: string, usageId: string, cents: number): Promise<{ applied: boolean; spendCents: number }> {
    const ref = this.usageRef(tenant);
    const marker = ref.collection('spend').doc(usageId);
    return this.db.runTransaction(async (tx) => {
      const [usage, seen] = await Promise.all([tx.get(ref), tx.get(marker)]);
      const spent = (usage.get('spendCents') as number | undefined) ?? 0;
      if (seen.exists) return { applied: false, spendCents: spent };
      tx.create(marker, { cents, at: FieldValue.serverTimestamp() });
      tx.set(ref, { tenant, spendCents: spent + cents }, { merge: true });
      return { applied: true, spendCents: spent + cents };
    });
  }

  extend(tenant: string, endsAt: Date): Promise<{ before: Date; after: Date }> {
    const ref = this.db.collection('tenants').doc(tenant);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const trial = snap.get('trial') as unknown;
      if (!trial) throw new NotFoundError(`Tenant ${tenant} is not on a trial.`);
      const before = (fromFirestore(trial) as { endsAt: Date }).endsAt;
      tx.update(ref, { 'trial.endsAt': endsAt });
      return { before, after: endsAt };
    });
  }

  private usageRef(tenant: string) {
    return this.db.collection('trial_usage').doc(tenant);
  }
}

/** The next settled write of this instance, or the caller's deadline, whichever comes first. */
async function settledOrDeadline(slots: DaySlots, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    slots.nextSettled(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1))),
  ]);
  clearTimeout(timer);
}
