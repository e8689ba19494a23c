import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { BillingOutboxConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, BillingOutboxConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreBillingStore(db),
      publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
