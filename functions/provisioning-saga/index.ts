import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder, PubSubEventPublisher } from '@backbone/shared/gcp';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSagaStore } from './adapters/firestore-saga-store';
import { FirestoreTenantProvisioning } from './adapters/firestore-tenant-provisioning';
import manifest from './function';
import { makeHandler } from './handler';
import { ProvisioningSagaConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, ProvisioningSagaConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    sagas: new FirestoreSagaStore(db),
    tenants: new FirestoreTenantProvisioning(db),
    publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
    gateway: new StripeApiGateway(createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT)),
    failures: new FirestoreFailureRecorder(db),
    clock: systemClock,
    source: `backbone/${manifest.name}`,
    logger,
  }),
);
