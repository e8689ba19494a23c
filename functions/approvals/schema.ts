import { SecurityConfigSchema } from '@backbone/shared/core';

export const ApprovalsConfigSchema = SecurityConfigSchema;
