import { SecurityConfigSchema } from '@backbone/shared/core';

export const ScrapingSchedulerConfigSchema = SecurityConfigSchema;
