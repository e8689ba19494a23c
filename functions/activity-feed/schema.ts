import { SecurityConfigSchema } from '@backbone/shared/core';

export const ActivityFeedConfigSchema = SecurityConfigSchema;
