import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import { HttpHealthProber } from './adapters/http-health-prober';
import manifest from './function';
import { makeHandler } from './handler';
import { HealthAggregatorConfigSchema } from './schema';

serveSchedule(manifest, HealthAggregatorConfigSchema, ({ config, logger, db, clock, source, publisher, security }) => {
  return makeHandler(
    {
      store: new FirestoreHealthStore(db),
      prober: new HttpHealthProber(),
      publisher,
      clock,
      logger,
      thresholds: {
        downAfter: config.HEALTH_DOWN_AFTER,
        degradedAfter: config.HEALTH_DEGRADED_AFTER,
        recoverAfter: config.HEALTH_RECOVER_AFTER,
      },
      poolSize: config.HEALTH_POOL_SIZE,
      retentionDays: config.HEALTH_SAMPLE_RETENTION_DAYS,
      leaseMs: manifest.runtime.timeoutSeconds * 1000,
      source,
    },
    security,
  );
});
