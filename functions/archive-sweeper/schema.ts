import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const ArchiveSweeperConfigSchema = SecurityConfigSchema.extend({
  BUCKET_AGENT_WORKSPACES: z.string().min(3),
  BUCKET_SUBSCRIPTION_ARCHIVES: z.string().min(3),
});
