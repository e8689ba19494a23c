import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { deliveryChannels, FirestorePreferencesStore } from '@backbone/shared/approvals/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { CustomerNoticesConfigSchema } from './schema';

serveEvents(manifest, CustomerNoticesConfigSchema, ({ config, logger, db }) =>
  makeHandler({
    ...deliveryChannels(config, db, logger),
    preferences: new FirestorePreferencesStore(db),
    failures: new FirestoreFailureRecorder(db),
  }),
);
