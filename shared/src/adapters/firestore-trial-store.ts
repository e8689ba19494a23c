import { FieldPath, FieldValue, type Firestore } from '@google-cloud/firestore';
import { NotFoundError, TransientError } from '../errors/app-errors';
import { TrialStateSchema, type TrialState, type TrialUsage } from '../governance/trial';
import type { TrialStore } from '../ports/trial-store';
import { fromFirestore, readDocument } from './firestore-documents';

/**
 * Trial state on `tenants/{id}.trial`; spend in `trial_usage/{tenant}` (`spendCents`, with one
 * `spend/{usageId}` marker per applied report). A day's actions are slots: action `n` of the
 * quota is the document `trial_usage/{tenant}/actions/{day}-{n}`, taken with `create` (which
 * fails if it exists). No counter document, no transaction: concurrent runs each write their own
 * document, and at most the quota's slots exist.
 */
export class FirestoreTrialStore implements TrialStore {
  constructor(
    private readonly db: Firestore,
    private readonly random: () => number = Math.random,
  ) {}

  async trialOf(tenant: string): Promise<TrialState | undefined> {
    const snap = await this.db.collection('tenants').doc(tenant).get();
    const trial = snap.get('trial') as unknown;
    return trial ? readDocument(TrialStateSchema, trial, `tenants/${tenant}.trial`) : undefined;
  }

  async usage(tenant: string, day: string): Promise<TrialUsage> {
    const [spend, count] = await Promise.all([
      this.usageRef(tenant).get(),
      this.slotsOf(tenant, day).count().get(),
    ]);
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
    const taken = new Set<string>();
    const tryCreate = async (id: string) => {
      try {
        await actions.doc(id).create({ day, tenant, at: FieldValue.serverTimestamp() });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code !== 6) throw error; // 6: ALREADY_EXISTS
        taken.add(id);
        return false;
      }
    };
    // Blind first: while the day has room, a random slot is most often free (one write, no read).
    for (let attempt = 0; attempt < 2 && limit > 0; attempt++) {
      if (Date.now() > deadline) break;
      if (await tryCreate(`${day}-${Math.floor(this.random() * limit)}`))
        return { taken: true, actionsToday: taken.size + 1 };
    }
    while (Date.now() <= deadline) {
      // A count first (an aggregate, not a read of every slot): a full day is refused at once.
      const count = (await this.slotsOf(tenant, day).count().get()).data().count;
      if (count >= limit) return { taken: false, actionsToday: count };
      for (const d of (await this.slotsOf(tenant, day).select().get()).docs) taken.add(d.id);
      const free = Array.from({ length: limit }, (_, n) => `${day}-${n}`).filter((id) => !taken.has(id));
      if (free.length === 0) return { taken: false, actionsToday: Math.max(limit, taken.size) };
      // A few random free slots; a slot another caller took first sends us to the next one.
      for (const id of this.pick(free, 4)) {
        // A caller that gave up is not counted: the deadline is checked before the write.
        if (Date.now() > deadline) break;
        if (await tryCreate(id)) return { taken: true, actionsToday: taken.size + 1 };
      }
    }
    throw new TransientError('the trial counter could not count this run in time; retry');
  }

  /** The day's taken slots: ids from `{day}-` up to (not including) `{day}.` ('.' follows '-'). */
  private slotsOf(tenant: string, day: string) {
    const actions = this.usageRef(tenant).collection('actions');
    return actions
      .where(FieldPath.documentId(), '>=', actions.doc(`${day}-`))
      .where(FieldPath.documentId(), '<', actions.doc(`${day}.`));
  }

  private pick(items: string[], n: number): string[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  addSpend(
    tenant: string,
    usageId: string,
    cents: number,
  ): Promise<{ applied: boolean; spendCents: number }> {
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
