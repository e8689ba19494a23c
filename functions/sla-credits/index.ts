import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder } from '@backbone/shared/gcp';
import { createStripeClient, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { FirestoreSlaStore } from './adapters/firestore-sla-store';
import manifest from './function';
import { makeHandler } from './handler';
import { SlaCreditsConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, SlaCreditsConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreSlaStore(db),
    gateway: new StripeApiGateway(createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT)),
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
