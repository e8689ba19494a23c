import { DeliveryConfigSchema, tenantNotices } from '@backbone/shared/approvals';

export const CustomerNoticesConfigSchema = DeliveryConfigSchema;

/** Every notice type of the topic, with the catalog's schemas. */
export const consumedEvents = tenantNotices.consume(
  'notice.incident',
  'notice.budget_threshold',
  'notice.invoice_ready',
  'notice.credit_issued',
  'notice.archive_ready',
);
