import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreAuditLog,
  FirestoreHealthStore,
  functionContext,
  httpSecurity,
  systemClock,
  watchedPolicyHolder,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, HealthApiConfigSchema);

const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreHealthStore(db),
      clock: systemClock,
      logger,
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      source: `backbone/${manifest.name}`,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
