import { SecurityConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const AuditCheckpointConfigSchema = SecurityConfigSchema.extend({
  BUCKET_AUDIT_ARCHIVE: z.string().min(3),
});
