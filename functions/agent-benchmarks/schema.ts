import { SecurityConfigSchema } from '@backbone/shared/core';

export const AgentBenchmarksConfigSchema = SecurityConfigSchema;
