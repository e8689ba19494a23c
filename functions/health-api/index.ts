import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
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
