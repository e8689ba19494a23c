import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { deliveryChannels, FirestorePreferencesStore } from '@backbone/shared/approvals/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { NotificationsConfigSchema } from './schema';

serveEvents(manifest, NotificationsConfigSchema, ({ config, logger, db, source }) =>
  makeHandler({
    ...deliveryChannels(config, db, logger),
    preferences: new FirestorePreferencesStore(db),
    failures: new FirestoreFailureRecorder(db),
    audit: new FirestoreAuditLog(db),
    source,
    logger,
  }),
);
