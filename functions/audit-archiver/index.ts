import { serveSchedule } from '@backbone/shared/gcp';
import {
  FirestoreAuditLog,
  FirestoreAuditTiles,
  GcsAuditArchive,
  GcsCheckpointStore,
} from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AuditArchiverConfigSchema } from './schema';

serveSchedule(manifest, AuditArchiverConfigSchema, ({ config, logger, db, clock, source, security }) =>
  makeHandler(
    {
      tiles: new FirestoreAuditTiles(db),
      archive: GcsAuditArchive.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_AUDIT_ARCHIVE),
      checkpoints: GcsCheckpointStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_AUDIT_ARCHIVE),
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      logger,
    },
    security,
  ),
);
