import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSlaStore } from './adapters/firestore-sla-store';
import manifest from './function';
import { makeHandler } from './handler';
import { SlaCreditsConfigSchema } from './schema';

serveEvents(manifest, SlaCreditsConfigSchema, ({ config, logger, db }) =>
  makeHandler({
    store: new FirestoreSlaStore(db),
    gateway: new StripeApiGateway(createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT)),
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
