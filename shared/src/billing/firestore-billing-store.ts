import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { billingEvents } from './billing-events';
import { NotFoundError, ValidationError } from '../core/errors/app-errors';
import type { EventEnvelope } from '../core/events/envelope';
import type { EventPublisher } from '../core/ports/event-publisher';
import { BILLING_COLLECTIONS, type BillingCollection, type BillingPlan, type Watermark } from './plan-event';
import type {
  ApplyResult,
  BillingStore,
  DeadLetterRecord,
  InvoiceRecord,
  OutboxPublish,
  StripeEventRef,
} from './billing-store';
import { GroupCommit } from '../core/concurrency/group-commit';
import { KeyedLocks } from '../core/concurrency/keyed-locks';
import { drainFirestoreOutbox } from '../gcp/firestore-outbox';
import { queryDocuments } from '../gcp/firestore-documents';

export const billingCollections = {
  ...BILLING_COLLECTIONS,
  events: 'stripe_events',
  deadLetters: 'billing_dead_letters',
  outbox: 'billing_outbox',
} as const;
/** What applying a Stripe event writes: a function that applies events declares these in its manifest. */
export const STRIPE_EVENT_WRITES: string[] = Object.values(billingCollections);

const SETTLED = new Set(['done', 'ignored', 'failed']);

/**
 * `stripe_events/{eventId}` holds each event's state (`received` after a transient failure,
 * `done`, `ignored`, `failed`, attempts and timings); the billing records carry a watermark;
 * domain events go to `billing_outbox` in the same transaction as the record they announce.
 * An event is claimed by the transaction that applies it and by nothing else: there is no lease
 * to expire, so a crashed delivery leaves nothing half-claimed and a duplicate never waits.
 */
export class FirestoreBillingStore implements BillingStore {
  /**
   * Published outbox entries not yet removed. Their deletes ride on this instance's next apply
   * transaction (a commit that happens anyway), or leave in one batch after a second without one:
   * a delete of its own per event cost a third of the webhook's throughput.
   */
  private readonly published = new Set<string>();
  private readonly leftovers: GroupCommit<string>;
  /**
   * Shuffled and repeated deliveries of one object reach one instance at once; every transaction
   * on an event's or a record's document (apply, release, dead letter) queues here instead of
   * contending for it in Firestore (lock waits of seconds on the emulator, aborts and retries in
   * production).
   */
  private readonly locks = new KeyedLocks();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Firestore,
    private readonly options: { flushPublishedAfterMs?: number } = {},
  ) {
    this.leftovers = new GroupCommit(async (ids) => {
      const batch = this.db.batch();
      for (const id of ids) batch.delete(this.outbox().doc(id));
      await batch.commit();
      for (const id of ids) this.published.delete(id);
    });
  }

  async release(event: StripeEventRef, error: string, now: Date): Promise<void> {
    const ref = this.events().doc(event.id);
    await this.locks.run([ref.path], () => this.releaseNow(ref, event, error, now));
  }

  private async releaseNow(ref: DocumentReference, event: StripeEventRef, error: string, now: Date): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (SETTLED.has(snap.get('status') as string)) return;
      tx.set(
        ref,
        {
          ...(snap.exists ? {} : { receivedAt: now }),
          type: event.type,
          created: event.created,
          status: 'received',
          attempts: ((snap.get('attempts') as number | undefined) ?? 0) + 1,
          lastError: error,
          releasedAt: now,
        },
        { merge: true },
      );
    });
  }

  async ignore(event: StripeEventRef, now: Date): Promise<boolean> {
    try {
      await this.events().doc(event.id).create({
        type: event.type,
        created: event.created,
        status: 'ignored',
        attempts: 1,
        receivedAt: now,
        finishedAt: now,
      });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6) return false; // 6: ALREADY_EXISTS
      throw error;
    }
  }

  async tenantOfCustomer(customerId: string): Promise<string | undefined> {
    return (await this.db.collection(BILLING_COLLECTIONS.customers).doc(customerId).get()).get('tenantId') as
      string | undefined;
  }

  async subscription(
    subscriptionId: string,
  ): Promise<{ tenantId: string; status: string; priceId: string } | undefined> {
    const snap = await this.db.collection(BILLING_COLLECTIONS.subscriptions).doc(subscriptionId).get();
    return snap.exists ? (snap.data() as { tenantId: string; status: string; priceId: string }) : undefined;
  }

  apply(
    event: StripeEventRef,
    target: { collection: BillingCollection; id: string },
    plan: (current: Watermark | undefined) => BillingPlan,
    now: Date,
  ): Promise<ApplyResult> {
    const targetRef = this.db.collection(target.collection).doc(target.id);
    const eventRef = this.events().doc(event.id);
    return this.locks.run([targetRef.path, eventRef.path], () => this.applyNow(eventRef, targetRef, event, plan, now));
  }

  private applyNow(
    eventRef: DocumentReference,
    targetRef: DocumentReference,
    event: StripeEventRef,
    plan: (current: Watermark | undefined) => BillingPlan,
    now: Date,
  ): Promise<ApplyResult> {
    // Taken out for this transaction alone (concurrent ones carry others); given back if it fails.
    const carried = [...this.published].slice(0, 100);
    for (const id of carried) this.published.delete(id);
    const applied = this.db.runTransaction(
      async (tx): Promise<ApplyResult> => {
        const [state, snap] = await tx.getAll(eventRef, targetRef);
        const status = state!.get('status') as string | undefined;
        for (const id of carried) tx.delete(this.outbox().doc(id));
        if (status && SETTLED.has(status)) return { kind: 'duplicate', status };
        const current = snap!.exists
          ? {
              eventCreated: snap!.get('eventCreated') as number,
              eventId: snap!.get('eventId') as string,
              // Records written before the same-second order was kept rank lowest.
              eventRank: (snap!.get('eventRank') as number | undefined) ?? 0,
            }
          : undefined;
        const result = plan(current);
        if (result.record) tx.set(targetRef, result.record);
        for (const domainEvent of result.events)
          tx.set(this.outbox().doc(domainEvent.id), {
            topic: billingEvents.name,
            orderingKey: domainEvent.subject,
            event: domainEvent,
            at: now,
          });
        tx.set(eventRef, {
          type: event.type,
          created: event.created,
          status: 'done',
          attempts: ((state!.get('attempts') as number | undefined) ?? 0) + 1,
          receivedAt: (state!.get('receivedAt') as Date | undefined) ?? now,
          finishedAt: now,
          applied: !!result.record,
        });
        return { kind: 'applied', plan: result };
      },
      // Shuffled deliveries of one object contend on its record: a few more tries before Stripe's retry.
      { maxAttempts: 10 },
    );
    applied.catch(() => {
      for (const id of carried) this.published.add(id);
    });
    return applied;
  }

  async deadLetter(letter: Omit<DeadLetterRecord, 'replays'>): Promise<boolean> {
    const eventRef = this.events().doc(letter.eventId);
    return this.locks.run([eventRef.path], () => this.deadLetterNow(eventRef, letter));
  }

  private deadLetterNow(eventRef: DocumentReference, letter: Omit<DeadLetterRecord, 'replays'>): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(eventRef);
      if (SETTLED.has(snap.get('status') as string)) return false;
      tx.set(
        this.db.collection(billingCollections.deadLetters).doc(letter.eventId),
        { ...letter, replays: 0 },
        { merge: true },
      );
      tx.set(
        eventRef,
        {
          ...(snap.exists ? {} : { receivedAt: letter.at }),
          type: letter.type,
          status: 'failed',
          reason: letter.reason,
          attempts: ((snap.get('attempts') as number | undefined) ?? 0) + 1,
          finishedAt: letter.at,
        },
        { merge: true },
      );
      return true;
    });
  }

  async listDeadLetters(limit: number): Promise<DeadLetterRecord[]> {
    return queryDocuments<DeadLetterRecord>(
      this.db.collection(billingCollections.deadLetters).orderBy('at', 'desc').limit(limit),
    );
  }

  async reopen(eventId: string, now: Date): Promise<void> {
    const letter = this.db.collection(billingCollections.deadLetters).doc(eventId);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(letter);
      if (!snap.exists) throw new NotFoundError(`No dead-lettered event ${eventId}.`);
      tx.update(letter, { replays: ((snap.get('replays') as number) ?? 0) + 1, lastReplayAt: now });
      tx.set(this.events().doc(eventId), { status: 'received' }, { merge: true });
    });
  }

  async publishCommitted(events: EventEnvelope[], publish: OutboxPublish): Promise<void> {
    for (const event of events) await publish(billingEvents.name, event, event.subject);
    // Should the instance die before the delete, the sweep publishes the entries again, which
    // at-least-once consumers (keyed on the event id) already absorb.
    for (const event of events) this.published.add(event.id);
    if (this.published.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        void this.flushPublished();
      }, this.options.flushPublishedAfterMs ?? 1_000);
      this.flushTimer.unref();
    }
  }

  /** Removes every published entry still in the outbox now (no later transaction needed). */
  async settled(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushPublished();
    await this.leftovers.idle();
  }

  private flushPublished(): Promise<void> {
    return this.leftovers.add([...this.published]).catch(() => undefined);
  }

  async drainOutbox(publisher: EventPublisher, now: Date): Promise<number> {
    return drainFirestoreOutbox(this.db, billingCollections.outbox, publisher, now);
  }

  async listInvoices(
    tenantId: string,
    page: { after?: string; limit: number },
  ): Promise<{ invoices: InvoiceRecord[]; next: string | null }> {
    let query = this.db
      .collection(BILLING_COLLECTIONS.invoices)
      .where('tenantId', '==', tenantId)
      .orderBy('created', 'desc')
      .orderBy('invoiceId', 'desc')
      .limit(page.limit + 1);
    if (page.after) {
      const [created, invoiceId] = decodeCursor(page.after);
      query = query.startAfter(created, invoiceId);
    }
    const docs = (await query.get()).docs.map((d) => d.data() as InvoiceRecord & Watermark);
    const invoices = docs.slice(0, page.limit).map(toInvoice);
    const last = invoices.at(-1);
    return {
      invoices,
      next: docs.length > page.limit && last ? encodeCursor(last.created, last.invoiceId) : null,
    };
  }

  private events() {
    return this.db.collection(billingCollections.events);
  }

  private outbox() {
    return this.db.collection(billingCollections.outbox);
  }
}

const encodeCursor = (created: number, id: string) => Buffer.from(JSON.stringify([created, id])).toString('base64url');
function decodeCursor(cursor: string): [number, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string')
    throw new ValidationError('The cursor is not one this API gave out.');
  return [value[0], value[1]];
}
function toInvoice(d: InvoiceRecord): InvoiceRecord {
  return {
    invoiceId: d.invoiceId,
    tenantId: d.tenantId,
    subscriptionId: d.subscriptionId,
    status: d.status,
    number: d.number,
    amountDue: d.amountDue,
    amountPaid: d.amountPaid,
    currency: d.currency,
    hostedInvoiceUrl: d.hostedInvoiceUrl,
    invoicePdf: d.invoicePdf,
    created: d.created,
  };
}
