// The billing domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  CheckoutSessionSchema,
  CustomerSchema,
  HANDLED_EVENT_TYPES,
  idOf,
  InvoiceSchema,
  StripeEventSchema,
  SubscriptionSchema,
  type StripeEvent,
} from './stripe-objects';
export {
  BILLING_COLLECTIONS,
  customerOf,
  planEvent,
  subscriptionStatusRank,
  tenantFromObject,
  type BillingCollection,
  type BillingPlan,
  type Watermark,
} from './plan-event';
export { handleStripeEvent, type BillingDeps, type HandleOutcome } from './handle-event';
export type {
  ApplyResult,
  BillingStore,
  DeadLetterRecord,
  InvoiceRecord,
  OutboxPublish,
  StripeEventRef,
} from './billing-store';
export type { PlanChange, PlanChangePreview, StripeGateway, WebhookSecrets } from './stripe-gateway';
export {
  billingEvents,
  provisioningEvents,
  type BillingEventType,
  type CheckoutCompleted,
  type InvoiceEvent,
  type SubscriptionEvent,
} from './billing-events';
