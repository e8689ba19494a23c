import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const AuditArchiverConfigSchema = SecurityConfigSchema.extend({
  BUCKET_AUDIT_ARCHIVE: z.string().min(3),
});
