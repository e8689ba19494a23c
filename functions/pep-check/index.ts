import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreAuditLog,
  FirestoreRegistryStore,
  FirestoreTrialStore,
  functionContext,
  httpSecurity,
  watchedPolicyHolder,
  systemClock,
} from '@backbone/shared';
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
