import { SecurityConfigSchema } from '@backbone/shared/core';

export const AgentUpgradesConfigSchema = SecurityConfigSchema;
