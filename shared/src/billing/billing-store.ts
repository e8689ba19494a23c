import type { EventPublisher } from '../core/ports/event-publisher';
import type { BillingCollection, BillingPlan, Watermark } from './plan-event';
import type { EventEnvelope } from '../core/events/envelope';

/** `duplicate`: the event was settled before (done, ignored or dead-lettered); nothing was written. */
export type ApplyResult = { kind: 'applied'; plan: BillingPlan } | { kind: 'duplicate'; status: string };

/** A Stripe event as the store records it. */
export interface StripeEventRef {
  id: string;
  type: string;
  created: number;
}

export type OutboxPublish = (topic: string, event: EventEnvelope, orderingKey: string) => Promise<unknown>;

export interface DeadLetterRecord {
  eventId: string;
  type: string;
  reason: string;
  /** The event as received, PII-masked (replay fetches it again from Stripe). */
  payload: unknown;
  at: Date;
  replays: number;
}

export interface InvoiceRecord {
  invoiceId: string;
  tenantId: string;
  subscriptionId: string | null;
  status: string | null;
  number: string | null;
  amountDue: number;
  amountPaid: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  created: number;
}

/** Stripe events applied exactly once to the tenants' billing records (000#7). */
export interface BillingStore {
  /**
   * A transient failure: the event stays `received` for Stripe's retry, with the error and the
   * attempt counted; an event another delivery settled meanwhile is left as it is.
   */
  release(event: StripeEventRef, error: string, now: Date): Promise<void>;
  /** An event type Backbone does not apply: recorded as `ignored`; false if it was recorded before. */
  ignore(event: StripeEventRef, now: Date): Promise<boolean>;
  tenantOfCustomer(customerId: string): Promise<string | undefined>;
  subscription(subscriptionId: string): Promise<{ tenantId: string; status: string; priceId: string } | undefined>;
  /**
   * One transaction, the event's only claim: reads the event's state and the target record's
   * watermark; a settled event is a `duplicate`; otherwise asks `plan`, writes the record and the
   * domain events (to the outbox), and marks the event `done`. Concurrent deliveries of one event
   * serialize on its document, so exactly one applies it and the others answer `duplicate`.
   */
  apply(
    event: StripeEventRef,
    target: { collection: BillingCollection; id: string },
    plan: (current: Watermark | undefined) => BillingPlan,
    now: Date,
  ): Promise<ApplyResult>;
  /**
   * Marks the event `failed` and records it in the dead letters; false (nothing written) when
   * the event was settled before, so a redelivery neither rewrites the letter nor resets its replays.
   */
  deadLetter(letter: Omit<DeadLetterRecord, 'replays'>): Promise<boolean>;
  listDeadLetters(limit: number): Promise<DeadLetterRecord[]>;
  /** Puts a dead-lettered event back to `received` and counts the replay; NotFoundError if none. */
  reopen(eventId: string, now: Date): Promise<void>;
  /**
   * Publishes what one apply just committed, from memory (no read), then removes those outbox
   * entries in one batch. A crash in between leaves them to the sweep, which publishes them again:
   * delivery is at least once, and consumers key on the event id.
   */
  publishCommitted(events: EventEnvelope[], publish: OutboxPublish): Promise<void>;
  /**
   * The sweep: every entry older than 30 s (left by a delivery that died before publishing) is
   * claimed, published in order per ordering key and removed; a claim held by a live sweep is
   * skipped. `now` is the sweep's clock (not the firing's time: a retry runs later).
   */
  drainOutbox(publisher: EventPublisher, now: Date): Promise<number>;
  listInvoices(
    tenantId: string,
    page: { after?: string; limit: number },
  ): Promise<{ invoices: InvoiceRecord[]; next: string | null }>;
}
