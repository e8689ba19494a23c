import { defineRoutes } from '@backbone/shared/core';
import { z } from 'zod';
import {
  DeadLettersQuerySchema,
  EventIdSchema,
  IdempotencyKeySchema,
  InvoicesQuerySchema,
  PlanChangeSchema,
  SubscriptionIdSchema,
} from './schema';

const InvoiceSchema = z.object({
  invoiceId: z.string(),
  tenantId: z.string(),
  subscriptionId: z.string().nullable(),
  status: z.string().nullable(),
  number: z.string().nullable(),
  amountDue: z.number().int(),
  amountPaid: z.number().int(),
  currency: z.string(),
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
  created: z.number().int(),
});
const DeadLetterSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  reason: z.string(),
  /** The event as received, PII-masked. */
  payload: z.unknown(),
  at: z.string(),
  replays: z.number().int(),
});
const DecisionSchema = z.object({
  direction: z.enum(['upgrade', 'downgrade', 'lateral']),
  effective: z.enum(['now', 'period_end']),
  proration: z.enum(['always_invoice', 'none']),
});
const subscriptionParams = z.object({ id: SubscriptionIdSchema });
const DECIDED_ERRORS = ['POLICY-001', 'REQ-003'] as const;

/** billing-api's routes (README "Billing"). */
export const routes = defineRoutes({
  'GET /v1/billing/invoices': {
    summary: "A tenant's invoices, newest first, a page at a time (platform staff name the tenant).",
    access: ['user', 'client'],
    scope: 'billing:read',
    query: InvoicesQuerySchema,
    responses: { 200: z.object({ invoices: z.array(InvoiceSchema), next: z.string().nullable() }) },
    errors: ['POLICY-001'],
  },
  'GET /v1/billing/dead-letters': {
    summary: 'Stripe events that could not apply (finance analysts and up).',
    access: ['user', 'service'],
    query: DeadLettersQuerySchema,
    responses: { 200: z.object({ deadLetters: z.array(DeadLetterSchema) }) },
    errors: ['POLICY-001'],
  },
  'POST /v1/billing/dead-letters/:eventId/replay': {
    summary: "Applies a dead-lettered event again, from Stripe's own copy.",
    access: ['user', 'service'],
    params: z.object({ eventId: EventIdSchema }),
    responses: {
      200: z.object({
        eventId: z.string(),
        outcome: z.enum(['applied', 'stale', 'duplicate', 'ignored', 'dead-lettered', 'rejected']),
      }),
    },
    errors: DECIDED_ERRORS,
  },
  'POST /v1/billing/subscriptions/:id/plan-change/preview': {
    summary: 'What moving the subscription to a price would cost, and when it would apply.',
    access: 'user',
    params: subscriptionParams,
    body: PlanChangeSchema,
    responses: {
      200: DecisionSchema.extend({
        currency: z.string(),
        amountDue: z.number().int(),
        prorationAmount: z.number().int(),
        lines: z.array(
          z.object({ description: z.string().nullable(), amount: z.number().int(), proration: z.boolean() }),
        ),
      }),
    },
    errors: [...DECIDED_ERRORS, 'REQ-008'],
  },
  'POST /v1/billing/subscriptions/:id/plan-change': {
    summary: 'Moves the subscription to a price: upgrades now (invoiced at once), the rest at the period end.',
    access: 'user',
    params: subscriptionParams,
    body: PlanChangeSchema,
    headers: z.object({ 'idempotency-key': IdempotencyKeySchema }),
    responses: {
      202: z.union([
        // effective now: Stripe's subscription as changed
        DecisionSchema.extend({ subscriptionId: z.string(), status: z.string(), priceId: z.string() }),
        // at the period end: the subscription schedule that will change it
        DecisionSchema.extend({
          subscriptionId: z.string(),
          scheduleId: z.string(),
          effectiveAt: z.number().int(),
        }),
      ]),
    },
    errors: [...DECIDED_ERRORS, 'REQ-008'],
  },
});
