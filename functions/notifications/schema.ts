import { BaseConfigSchema } from '@backbone/shared/core';
import { approvalEvents } from '@backbone/shared/approvals';
import { z } from 'zod';

export const NotificationsConfigSchema = BaseConfigSchema.extend({
  /** `fcm` in every deployed environment; `log` only where FCM cannot be reached (npm start). */
  PUSH_SENDER: z.enum(['fcm', 'log']).default('fcm'),
});

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = approvalEvents.consume('approval.requested', 'approval.escalated');
