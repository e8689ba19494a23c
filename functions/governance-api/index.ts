import { ApiKeys } from '@backbone/shared/core';
import { FirestoreApiKeyStore, serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { FirebaseUserDirectory } from './adapters/firebase-user-directory';
import { FirestoreMembershipStore } from './adapters/firestore-memberships';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { GovernanceConfigSchema } from './schema';

serveHttp(manifest, routes, GovernanceConfigSchema, (context) => {
  const { config, db, clock } = context;
  return makeHandler(
    {
      registry: new FirestoreRegistryStore(db),
      trials: new FirestoreTrialStore(db),
      apiKeys: new ApiKeys(new FirestoreApiKeyStore(db), clock, config.BACKBONE_ENV === 'prod' ? 'live' : 'test'),
      directory: FirebaseUserDirectory.forProject(config.GOOGLE_CLOUD_PROJECT),
      memberships: new FirestoreMembershipStore(db),
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
