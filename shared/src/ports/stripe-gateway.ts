/** The Stripe API calls billing makes (reads): through a port, so tests see what was asked. */
export interface StripeGateway {
  /** The tenant a Stripe customer belongs to (`metadata.tenant_id`), if it says. */
  customerTenant(customerId: string): Promise<string | undefined>;
  /** An event as Stripe has it (for replaying a dead-lettered one). */
  retrieveEvent(eventId: string): Promise<unknown>;
}

/** The signing secrets currently accepted (more than one during a rotation's overlap). */
export interface WebhookSecrets {
  active(): Promise<string[]>;
}
