import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreTenantSubscriptions } from './adapters/firestore-tenant-subscriptions';
import manifest from './function';
import { makeHandler } from './handler';
import { TenantSubscriptionsConfigSchema } from './schema';

serveEvents(manifest, TenantSubscriptionsConfigSchema, ({ config, logger, db, publisher, source }) =>
  makeHandler({
    store: new FirestoreTenantSubscriptions(db),
    plans: config.PLAN_SERVICES,
    failures: new FirestoreFailureRecorder(db),
    publisher,
    source,
    logger,
  }),
);
