import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreBillingStore,
  functionContext,
  httpSecurity,
  PubSubEventPublisher,
  systemClock,
} from '@backbone/shared';
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
