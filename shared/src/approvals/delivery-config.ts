import { z } from 'zod';
import { BaseConfigSchema } from '../core/config/load-config';

/** The configuration of a function that pushes and e-mails (notifications, customer-notices). */
export const DeliveryConfigSchema = BaseConfigSchema.extend({
  /** `fcm` in every deployed environment; `log` only where FCM cannot be reached (npm start). */
  PUSH_SENDER: z.enum(['fcm', 'log']).default('fcm'),
  /** `sendgrid` in every deployed environment; `log` only for local runs. */
  EMAIL_SENDER: z.enum(['sendgrid', 'log']).default('sendgrid'),
  EMAIL_FROM: z.email().default('notifications@backbone.example'),
  /** Secret Manager `sendgrid-api-key`. */
  SENDGRID_API_KEY: z.string().min(20).optional(),
}).refine((c) => c.EMAIL_SENDER !== 'sendgrid' || c.SENDGRID_API_KEY, {
  path: ['SENDGRID_API_KEY'],
  message: 'required when EMAIL_SENDER is sendgrid',
});
export type DeliveryConfig = z.infer<typeof DeliveryConfigSchema>;

/** The manifest entries such a function declares (its env and the SendGrid secret). */
export const DELIVERY_ENV = {
  PUSH_SENDER: { description: '`fcm` (deployed) or `log` (local runs without FCM).', default: 'fcm' },
  EMAIL_SENDER: { description: '`sendgrid` (deployed) or `log` (local runs).', default: 'sendgrid' },
  EMAIL_FROM: { description: 'The sender address of notification e-mails.', default: 'notifications@backbone.example' },
} as const;
export const DELIVERY_SECRETS = [{ env: 'SENDGRID_API_KEY', secret: 'sendgrid-api-key' }];
