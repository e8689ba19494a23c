import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  createStripeClient,
  entryPointOf,
  FirestoreFailureRecorder,
  FirestoreSagaStore,
  FirestoreTenantProvisioning,
  functionContext,
  PubSubEventPublisher,
  StripeApiGateway,
  systemClock,
} from '@backbone/shared';
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
