import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  HttpHealthProber,
  FirestoreHealthStore,
  functionContext,
  PubSubEventPublisher,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthAggregatorConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, HealthAggregatorConfigSchema);

functions.http(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreHealthStore(createFirestore(config.GOOGLE_CLOUD_PROJECT)),
    prober: new HttpHealthProber(),
    publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
    clock: systemClock,
    logger,
    thresholds: {
      downAfter: config.HEALTH_DOWN_AFTER,
      degradedAfter: config.HEALTH_DEGRADED_AFTER,
      recoverAfter: config.HEALTH_RECOVER_AFTER,
    },
    poolSize: config.HEALTH_POOL_SIZE,
    retentionDays: config.HEALTH_SAMPLE_RETENTION_DAYS,
    leaseMs: manifest.runtime.timeoutSeconds * 1000,
    source: `backbone/${manifest.name}`,
  }),
);
