import { SecurityConfigSchema } from '@backbone/shared/core';

export const ApprovalsSweeperConfigSchema = SecurityConfigSchema;
