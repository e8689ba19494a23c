import { SecurityConfigSchema } from '@backbone/shared/core';

export const OutboxSweeperConfigSchema = SecurityConfigSchema;
