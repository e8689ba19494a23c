import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { ContextResolver } from './context';
import manifest from './function';
import { makeHandler } from './handler';
import { PepConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, PepConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const holder = watchedPolicyHolder(db, logger);
const trials = new FirestoreTrialStore(db);
const resolver = new ContextResolver({
  trials,
  registry: new FirestoreRegistryStore(db),
  clock: systemClock,
});

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      holder,
      resolver,
      trials,
      audit: new FirestoreAuditLog(db),
      clock: systemClock,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
