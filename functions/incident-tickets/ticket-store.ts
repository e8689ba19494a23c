/** A customer subscription that uses platform services (000#16: who an incident affects). */
export interface AffectedSubscription {
  subscriptionId: string;
  tenantId: string;
}

export interface TicketForIncident {
  incidentId: string;
  serviceIds: string[];
  severity: string;
  openedAt: Date;
}

/** Customer Portal tickets raised for platform incidents. */
export interface TicketStore {
  /** Active or trialing subscriptions that use any of these services. */
  subscriptionsUsing(serviceIds: string[]): Promise<AffectedSubscription[]>;
  /** Opens one ticket per tenant and incident; returns how many were new. */
  openTickets(incident: TicketForIncident, affected: AffectedSubscription[]): Promise<number>;
  /** Resolves the incident's open tickets; returns how many changed, and every tenant ticketed for it. */
  resolveTickets(incidentId: string, resolvedAt: Date): Promise<{ resolved: number; tenants: string[] }>;
}
