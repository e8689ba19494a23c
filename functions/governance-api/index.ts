import * as functions from '@google-cloud/functions-framework';
import {
  ApiKeys,
  createFirestore,
  entryPointOf,
  FirestoreApiKeyStore,
  FirestoreAuditLog,
  FirestoreRegistryStore,
  FirestoreTrialStore,
  firebaseApp,
  functionContext,
  httpSecurity,
  watchedPolicyHolder,
  systemClock,
} from '@backbone/shared';
import { getAuth } from 'firebase-admin/auth';
import { FirebaseUserDirectory } from './adapters/firebase-user-directory';
import { FirestoreMembershipStore } from './adapters/firestore-memberships';
import manifest from './function';
import { makeHandler } from './handler';
import { GovernanceConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, GovernanceConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const holder = watchedPolicyHolder(db, logger);

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
      directory: new FirebaseUserDirectory(getAuth(firebaseApp(config.GOOGLE_CLOUD_PROJECT))),
      memberships: new FirestoreMembershipStore(db),
      clock: systemClock,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
