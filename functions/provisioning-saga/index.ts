import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSagaStore } from './adapters/firestore-saga-store';
import { FirestoreTenantProvisioning } from './adapters/firestore-tenant-provisioning';
import manifest from './function';
import { makeHandler } from './handler';
import { ProvisioningSagaConfigSchema } from './schema';

serveEvents(manifest, ProvisioningSagaConfigSchema, ({ config, logger, db, clock, source, publisher }) =>
  makeHandler({
    sagas: new FirestoreSagaStore(db),
    tenants: new FirestoreTenantProvisioning(db),
    publisher,
    gateway: new StripeApiGateway(createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT)),
    failures: new FirestoreFailureRecorder(db),
    clock,
    source,
    logger,
  }),
);
