import type { Firestore } from '@google-cloud/firestore';
import { NotFoundError, TransientError, ValidationError } from '../errors/app-errors';

/** This delivery's claim was taken over (its lease expired): it must write nothing, not even a release. */
export class ClaimTakenOverError extends TransientError {}
import type { EventEnvelope } from '../events/envelope';
import {
  BILLING_COLLECTIONS,
  BILLING_TOPIC,
  type BillingCollection,
  type BillingPlan,
  type Watermark,
} from '../billing/plan-event';
import type { BillingStore, ClaimResult, DeadLetterRecord, InvoiceRecord } from '../ports/billing-store';
import { fromFirestore } from './firestore-documents';

export const billingCollections = {
  ...BILLING_COLLECTIONS,
  events: 'stripe_events',
  deadLetters: 'billing_dead_letters',
  outbox: 'billing_outbox',
} as const;

/**
 * `stripe_events/{eventId}` holds each event's processing state (`processing` with a lease, `done`,
 * `ignored`, `failed`, attempts and timings); the billing records carry a watermark; domain events
 * go to `billing_outbox` in the same transaction as the record they announce.
 */
export class FirestoreBillingStore implements BillingStore {
  constructor(private readonly db: Firestore) {}

  async claim(
    eventId: string,
    meta: { type: string; created: number; now: Date; leaseMs: number },
  ): Promise<ClaimResult> {
    const ref = this.events().doc(eventId);
    // The first delivery (the usual case) claims with one atomic create; only a repeat needs a transaction.
    try {
      await ref.create({
        type: meta.type,
        created: meta.created,
        status: 'processing',
        attempts: 1,
        leaseUntil: meta.now.getTime() + meta.leaseMs,
        startedAt: meta.now,
        receivedAt: meta.now,
      });
      return { kind: 'claimed', attempts: 1 };
    } catch (error) {
      if ((error as { code?: number }).code !== 6) throw error; // 6: ALREADY_EXISTS
    }
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const status = snap.get('status') as string | undefined;
      if (status === 'done' || status === 'ignored' || status === 'failed')
        return { kind: 'duplicate', status };
      const leaseUntil = (snap.get('leaseUntil') as number | undefined) ?? 0;
      if (status === 'processing' && leaseUntil > meta.now.getTime()) return { kind: 'in-progress' };
      const attempts = ((snap.get('attempts') as number | undefined) ?? 0) + 1;
      tx.set(
        ref,
        {
          type: meta.type,
          created: meta.created,
          status: 'processing',
          attempts,
          leaseUntil: meta.now.getTime() + meta.leaseMs,
          startedAt: meta.now,
          ...(snap.exists ? {} : { receivedAt: meta.now }),
        },
        { merge: true },
      );
      return { kind: 'claimed', attempts };
    });
  }

  async status(eventId: string): Promise<string | undefined> {
    return (await this.events().doc(eventId).get()).get('status') as string | undefined;
  }

  async release(eventId: string, error: string, now: Date): Promise<void> {
    await this.events()
      .doc(eventId)
      .set({ status: 'received', leaseUntil: 0, lastError: error, releasedAt: now }, { merge: true });
  }

  async ignore(eventId: string, now: Date): Promise<void> {
    await this.events().doc(eventId).set({ status: 'ignored', finishedAt: now }, { merge: true });
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
    eventId: string,
    target: { collection: BillingCollection; id: string },
    plan: (current: Watermark | undefined) => BillingPlan,
    now: Date,
    attempt: number,
  ): Promise<BillingPlan> {
    const targetRef = this.db.collection(target.collection).doc(target.id);
    const eventRef = this.events().doc(eventId);
    return this.db.runTransaction(async (tx) => {
      const [snap, claim] = await Promise.all([tx.get(targetRef), tx.get(eventRef)]);
      // Fencing: this delivery's lease expired and another took the event over; it applies nothing.
      if (claim.get('status') !== 'processing' || claim.get('attempts') !== attempt)
        throw new ClaimTakenOverError(`event ${eventId} was taken over by another delivery`);
      const current = snap.exists
        ? {
            eventCreated: snap.get('eventCreated') as number,
            eventId: snap.get('eventId') as string,
            // Records written before the same-second order was kept rank lowest.
            eventRank: (snap.get('eventRank') as number | undefined) ?? 0,
          }
        : undefined;
      const result = plan(current);
      if (result.record) tx.set(targetRef, result.record);
      for (const event of result.events)
        tx.set(this.db.collection(billingCollections.outbox).doc(event.id), {
          topic: BILLING_TOPIC,
          orderingKey: event.subject,
          event,
          at: now,
        });
      tx.set(
        this.events().doc(eventId),
        { status: 'done', finishedAt: now, leaseUntil: 0, applied: !!result.record },
        { merge: true },
      );
      return result;
    });
  }

  async deadLetter(letter: Omit<DeadLetterRecord, 'replays'>): Promise<void> {
    const batch = this.db.batch();
    batch.set(
      this.db.collection(billingCollections.deadLetters).doc(letter.eventId),
      { ...letter, replays: 0 },
      { merge: true },
    );
    batch.set(
      this.events().doc(letter.eventId),
      { status: 'failed', reason: letter.reason, finishedAt: letter.at, leaseUntil: 0 },
      { merge: true },
    );
    await batch.commit();
  }

  async listDeadLetters(limit: number): Promise<DeadLetterRecord[]> {
    const snap = await this.db
      .collection(billingCollections.deadLetters)
      .orderBy('at', 'desc')
      .limit(limit)
      .get();
    return snap.docs.map((d) => fromFirestore(d.data()) as DeadLetterRecord);
  }

  async reopen(eventId: string, now: Date): Promise<void> {
    const letter = this.db.collection(billingCollections.deadLetters).doc(eventId);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(letter);
      if (!snap.exists) throw new NotFoundError(`No dead-lettered event ${eventId}.`);
      tx.update(letter, { replays: ((snap.get('replays') as number) ?? 0) + 1, lastReplayAt: now });
      tx.set(this.events().doc(eventId), { status: 'received', leaseUntil: 0 }, { merge: true });
    });
  }

  async drainOutbox(
    publish: (topic: string, event: EventEnvelope, orderingKey: string) => Promise<unknown>,
    ids?: string[],
  ): Promise<number> {
    const outbox = this.db.collection(billingCollections.outbox);
    const docs = ids
      ? (ids.length > 0 ? await this.db.getAll(...ids.map((id) => outbox.doc(id))) : []).filter(
          (d) => d.exists,
        )
      : (
          await outbox
            .where('at', '<', new Date(Date.now() - 30_000))
            .orderBy('at')
            .limit(200)
            .get()
        ).docs;
    let published = 0;
    for (const doc of docs) {
      if (((doc.get('claimedUntil') as number | undefined) ?? 0) > Date.now()) continue;
      // Claimed by this drain only (conditioned on the version read): concurrent drains publish each
      // entry once; a drain that dies after claiming leaves it to the next one after 30 s.
      try {
        await doc.ref.update({ claimedUntil: Date.now() + 30_000 }, { lastUpdateTime: doc.updateTime });
      } catch {
        continue;
      }
      const { topic, event, orderingKey } = doc.data() as {
        topic: string;
        event: EventEnvelope;
        orderingKey: string;
      };
      await publish(topic, event, orderingKey);
      await doc.ref.delete();
      published++;
    }
    return published;
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
}

const encodeCursor = (created: number, id: string) =>
  Buffer.from(JSON.stringify([created, id])).toString('base64url');
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
