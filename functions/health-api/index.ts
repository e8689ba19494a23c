import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  createLogger,
  entryPointOf,
  FirestoreHealthStore,
  loadConfig,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthApiConfigSchema } from './schema';

const config = loadConfig(HealthApiConfigSchema);
const logger = createLogger({
  service: manifest.name,
  projectId: config.GOOGLE_CLOUD_PROJECT,
  level: config.LOG_LEVEL,
});

functions.http(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreHealthStore(createFirestore(config.GOOGLE_CLOUD_PROJECT)),
    clock: systemClock,
    logger,
  }),
);
