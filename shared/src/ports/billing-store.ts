import type { BillingCollection, BillingPlan, Watermark } from '../billing/plan-event';
import type { EventEnvelope } from '../events/envelope';

export type ClaimResult =
  { kind: 'claimed'; attempts: number } | { kind: 'duplicate'; status: string } | { kind: 'in-progress' };

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
  /** `received -> processing` in a transaction; a live claim by another delivery is `in-progress`. */
  claim(
    eventId: string,
    meta: { type: string; created: number; now: Date; leaseMs: number },
  ): Promise<ClaimResult>;
  status(eventId: string): Promise<string | undefined>;
  /** A transient failure: the event goes back to `received` for Stripe's retry. */
  release(eventId: string, error: string, now: Date): Promise<void>;
  /** An event type Backbone does not apply: recorded as `ignored`. */
  ignore(eventId: string, now: Date): Promise<void>;
  tenantOfCustomer(customerId: string): Promise<string | undefined>;
  subscription(
    subscriptionId: string,
  ): Promise<{ tenantId: string; status: string; priceId: string } | undefined>;
  /**
   * One transaction: reads the target record's watermark, asks `plan`, writes the record and the
   * domain events (to the outbox), and marks the event `done`.
   */
  apply(
    eventId: string,
    target: { collection: BillingCollection; id: string },
    plan: (current: Watermark | undefined) => BillingPlan,
    now: Date,
    /** The claim's attempt number: a delivery whose lease another one took over applies nothing (fencing). */
    attempt: number,
  ): Promise<BillingPlan>;
  /** Marks the event `failed` and records it in the dead letters. */
  deadLetter(letter: Omit<DeadLetterRecord, 'replays'>): Promise<void>;
  listDeadLetters(limit: number): Promise<DeadLetterRecord[]>;
  /** Puts a dead-lettered event back to `received` and counts the replay; NotFoundError if none. */
  reopen(eventId: string, now: Date): Promise<void>;
  /**
   * Publishes outbox entries and removes them: the given ones (what an event just wrote), or, with
   * no ids, every entry older than 30 s (left by a delivery that died before publishing).
   */
  drainOutbox(
    publish: (topic: string, event: EventEnvelope, orderingKey: string) => Promise<unknown>,
    ids?: string[],
  ): Promise<number>;
  listInvoices(
    tenantId: string,
    page: { after?: string; limit: number },
  ): Promise<{ invoices: InvoiceRecord[]; next: string | null }>;
}
