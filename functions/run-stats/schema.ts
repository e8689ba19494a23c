import { SecurityConfigSchema } from '@backbone/shared/core';

export const RunStatsConfigSchema = SecurityConfigSchema;
