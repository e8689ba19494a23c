import { approvalEvents, DeliveryConfigSchema } from '@backbone/shared/approvals';

export const NotificationsConfigSchema = DeliveryConfigSchema;

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = approvalEvents.consume('approval.requested', 'approval.escalated');
