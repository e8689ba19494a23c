import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreHealthStore,
  functionContext,
  httpSecurity,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, HealthApiConfigSchema);

const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    { store: new FirestoreHealthStore(db), clock: systemClock, logger },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
