import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  DEFAULT_POLICY_SET,
  entryPointOf,
  FirestoreAuditLog,
  FirestorePolicySource,
  FirestoreRegistryStore,
  FirestoreTrialStore,
  functionContext,
  httpSecurity,
  PolicyEngine,
  PolicyHolder,
  systemClock,
} from '@backbone/shared';
import { ContextResolver } from './context';
import manifest from './function';
import { makeHandler } from './handler';
import { PepConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, PepConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
// The shipped policies until a published version arrives (and if one never does).
const holder = new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET));
new FirestorePolicySource(db).watch(
  (document) => holder.offer(document, logger),
  (error) => logger.error('policy set listener failed; keeping the current version', { error }),
);
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
