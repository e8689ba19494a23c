import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import { HttpHealthProber } from './adapters/http-health-prober';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthAggregatorConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, HealthAggregatorConfigSchema);

const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreHealthStore(db),
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
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
