import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreArchiveStore, FirestoreTenantPlans, GcsObjectStore } from '@backbone/shared/workspaces/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ArchiveSweeperConfigSchema } from './schema';

serveSchedule(manifest, ArchiveSweeperConfigSchema, ({ config, logger, db, clock, source, security }) =>
  makeHandler(
    {
      records: new FirestoreArchiveStore(db),
      plans: new FirestoreTenantPlans(db),
      workspaces: GcsObjectStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_AGENT_WORKSPACES),
      archives: GcsObjectStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_SUBSCRIPTION_ARCHIVES),
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      logger,
    },
    security,
  ),
);
