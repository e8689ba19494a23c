import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreAuditLog, GcsCheckpointStore } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AuditCheckpointConfigSchema } from './schema';

serveSchedule(manifest, AuditCheckpointConfigSchema, ({ config, logger, db, clock, source, security }) =>
  makeHandler(
    {
      audit: new FirestoreAuditLog(db),
      checkpoints: GcsCheckpointStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_AUDIT_ARCHIVE),
      clock,
      source,
      logger,
    },
    security,
  ),
);
