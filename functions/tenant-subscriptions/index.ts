import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder } from '@backbone/shared/gcp';
import { FirestoreTenantSubscriptions } from './adapters/firestore-tenant-subscriptions';
import manifest from './function';
import { makeHandler } from './handler';
import { TenantSubscriptionsConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, TenantSubscriptionsConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreTenantSubscriptions(db),
    plans: config.PLAN_SERVICES,
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
