import { SecurityConfigSchema } from '@backbone/shared/core';

export const RunLogsConfigSchema = SecurityConfigSchema;
