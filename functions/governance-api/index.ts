import * as functions from '@google-cloud/functions-framework';
import {
  ApiKeys,
  createFirestore,
  DEFAULT_POLICY_SET,
  entryPointOf,
  FirestoreApiKeyStore,
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
import manifest from './function';
import { makeHandler } from './handler';
import { GovernanceConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, GovernanceConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
// The same policies as the PEP, swapped the same way when a new version is published.
const holder = new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET));
new FirestorePolicySource(db).watch(
  (document) => holder.offer(document, logger),
  (error) => logger.error('policy set listener failed; keeping the current version', { error }),
);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      holder,
      registry: new FirestoreRegistryStore(db),
      trials: new FirestoreTrialStore(db),
      apiKeys: new ApiKeys(
        new FirestoreApiKeyStore(db),
        systemClock,
        config.BACKBONE_ENV === 'prod' ? 'live' : 'test',
      ),
      audit: new FirestoreAuditLog(db),
      clock: systemClock,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
