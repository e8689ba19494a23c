import { SecurityConfigSchema } from '@backbone/shared';

export const BillingOutboxConfigSchema = SecurityConfigSchema;
