import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const ActivityFeedConfigSchema = SecurityConfigSchema.extend({
  /** A stream ends after this, under the function's request timeout (3,600 s): the client resumes. */
  STREAM_LIFETIME_SECONDS: z.coerce.number().int().min(1).max(3500).default(3300),
  STREAM_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
});
