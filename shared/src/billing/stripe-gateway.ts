/** The Stripe API calls billing makes (reads): through a port, so tests see what was asked. */
export interface StripeGateway {
  /** The tenant a Stripe customer belongs to (`metadata[metadataKey]`), if it says. */
  customerTenant(customerId: string, metadataKey: string): Promise<string | undefined>;
  /** An event as Stripe has it (for replaying a dead-lettered one). */
  retrieveEvent(eventId: string): Promise<unknown>;
  /** What moving a subscription to `priceId` would invoice now (Stripe's proration preview). */
  previewPlanChange(change: PlanChange): Promise<PlanChangePreview>;
  /** Moves the subscription to `priceId`; the idempotency key makes a retried request apply once. */
  changePlan(change: PlanChange, idempotencyKey: string): Promise<{ status: string; priceId: string }>;
  /** Cancels a subscription at once (a saga's compensation); idempotent by key. */
  cancelSubscription(subscriptionId: string, idempotencyKey: string): Promise<void>;
  /**
   * Moves the subscription to `priceId` when its current period ends (a subscription schedule
   * whose second phase has the new price); nothing is prorated.
   */
  changePlanAtPeriodEnd(
    change: Omit<PlanChange, 'proration'>,
    idempotencyKey: string,
  ): Promise<{ scheduleId: string; effectiveAt: number }>;
  /** A credit note on an invoice (a custom line of `amount`); the idempotency key makes it once. */
  issueCreditNote(
    note: { invoiceId: string; amount: number; memo: string; metadata: Record<string, string> },
    idempotencyKey: string,
  ): Promise<{ creditNoteId: string }>;
}

export interface PlanChange {
  subscriptionId: string;
  priceId: string;
  /** Stripe's proration behaviours: prorate onto the next invoice, invoice now, or not at all. */
  proration: 'create_prorations' | 'always_invoice' | 'none';
}

export interface PlanChangePreview {
  currency: string;
  amountDue: number;
  prorationAmount: number;
  lines: { description: string | null; amount: number; proration: boolean }[];
}

/** The signing secrets currently accepted (more than one during a rotation's overlap). */
export interface WebhookSecrets {
  active(): Promise<string[]>;
}
