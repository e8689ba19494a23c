import { BaseConfigSchema } from '@backbone/shared/core';
import { approvalEvents } from '@backbone/shared/approvals';
import { z } from 'zod';

export const NotificationsConfigSchema = BaseConfigSchema.extend({
  /** `fcm` in every deployed environment; `log` only where FCM cannot be reached (npm start). */
  PUSH_SENDER: z.enum(['fcm', 'log']).default('fcm'),
  /** `sendgrid` in every deployed environment; `log` only for local runs. */
  EMAIL_SENDER: z.enum(['sendgrid', 'log']).default('sendgrid'),
  EMAIL_FROM: z.email().default('approvals@backbone.example'),
  /** Secret Manager `sendgrid-api-key`. */
  SENDGRID_API_KEY: z.string().min(20).optional(),
}).refine((c) => c.EMAIL_SENDER !== 'sendgrid' || c.SENDGRID_API_KEY, {
  path: ['SENDGRID_API_KEY'],
  message: 'required when EMAIL_SENDER is sendgrid',
});

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = approvalEvents.consume('approval.requested', 'approval.escalated');
