import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreHealthStore,
  functionContext,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, HealthApiConfigSchema);

functions.http(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreHealthStore(createFirestore(config.GOOGLE_CLOUD_PROJECT)),
    clock: systemClock,
    logger,
  }),
);
