import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { BillingApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, BillingApiConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);
const holder = watchedPolicyHolder(db, logger);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
      holder,
      audit: new FirestoreAuditLog(db),
      clock: systemClock,
      tenantMetadataKey: config.STRIPE_TENANT_METADATA_KEY,
      source: `backbone/${manifest.name}`,
      planRanks: config.PLAN_PRICES,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
