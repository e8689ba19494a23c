import { z } from 'zod';
import { defineTopic } from '../core/events/topic';

const tenant = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
const currency = z.string().length(3);

/**
 * `tenant-notices`: what a tenant's people are told on their phones and by e-mail (000#18, 000#38),
 * each published by the function that did it to the tenant; `customer-notices` delivers them.
 * Unordered: every notice stands alone, and its id (stable per fact) makes a repeat a duplicate.
 */
export const tenantNotices = defineTopic('tenant-notices', {
  ordered: false,
  events: {
    /** A platform incident touches a service in the tenant's plan (incident-tickets). */
    'notice.incident': z.object({
      tenant,
      incidentId: z.string().min(1).max(200),
      state: z.enum(['opened', 'resolved']),
      severity: z.string().max(40),
    }),
    /** The month's agent spend crossed one of the tenant's budget thresholds (budget-alerts). */
    'notice.budget_threshold': z.object({
      tenant,
      period: z.string().regex(/^\d{4}-\d{2}$/),
      thresholdPercent: z.number().int().min(1).max(1000),
      spentMicros: z.number().int().min(0),
      limitMicros: z.number().int().min(0),
    }),
    /** An invoice was paid and is ready in the Customer Portal (tenant-subscriptions, from billing). */
    'notice.invoice_ready': z.object({
      tenant,
      invoiceId: z.string().startsWith('in_'),
      number: z.string().nullable(),
      amountPaid: z.number().int().min(0),
      currency,
    }),
    /** A cancelled subscription's workspaces were archived: downloadable for 30 days (workspace-archiver). */
    'notice.archive_ready': z.object({
      tenant,
      archiveId: z.string().startsWith('arc_'),
      expiresAt: z.iso.datetime(),
    }),
    /** A credit note was issued: an SLA credit or a goodwill credit (tenant-subscriptions, from billing). */
    'notice.credit_issued': z.object({
      tenant,
      creditNoteId: z.string().startsWith('cn_'),
      amount: z.number().int(),
      currency,
    }),
  },
});
export type TenantNoticeType = keyof typeof tenantNotices.events;
