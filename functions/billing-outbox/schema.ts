import { SecurityConfigSchema } from '@backbone/shared/core';

export const BillingOutboxConfigSchema = SecurityConfigSchema;
