import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import {
  archiveKeyKeeper,
  FirestoreArchiveStore,
  FirestoreTenantPlans,
  GcsObjectStore,
} from '@backbone/shared/workspaces/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { WorkspaceArchiverConfigSchema } from './schema';

serveEvents(manifest, WorkspaceArchiverConfigSchema, ({ config, db, publisher, source, clock, logger }) =>
  makeHandler({
    workspaces: GcsObjectStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_AGENT_WORKSPACES),
    archives: GcsObjectStore.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_SUBSCRIPTION_ARCHIVES),
    keys: archiveKeyKeeper(config),
    records: new FirestoreArchiveStore(db),
    plans: new FirestoreTenantPlans(db),
    audit: new FirestoreAuditLog(db),
    failures: new FirestoreFailureRecorder(db),
    publisher,
    source,
    clock,
    logger,
  }),
);
