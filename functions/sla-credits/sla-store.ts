/** SLA bookkeeping per Stripe subscription and month (000#18). */
export interface SlaStore {
  /** Live Stripe subscriptions of the tenants whose plans include any of these services. */
  affectedSubscriptions(serviceIds: string[]): Promise<{ subscriptionId: string; tenantId: string }[]>;
  /** Adds an incident's downtime to the month once (a redelivered incident adds nothing). */
  recordDowntime(
    subscriptionId: string,
    period: string,
    incidentId: string,
    downtimeMs: number,
  ): Promise<{ downtimeMs: number; creditedPercent: number }>;
  latestPaidInvoice(
    subscriptionId: string,
  ): Promise<{ invoiceId: string; amountPaid: number; currency: string } | undefined>;
  markCredited(subscriptionId: string, period: string, percent: number, creditNoteId: string): Promise<void>;
}
