import * as functions from '@google-cloud/functions-framework';
import { ApiKeys, entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, FirestoreApiKeyStore, firebaseApp, httpSecurity } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
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
