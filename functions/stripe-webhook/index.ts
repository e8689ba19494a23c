import * as functions from '@google-cloud/functions-framework';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { entryPointOf, functionContext, systemClock, TtlCache } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { SecretManagerWebhookSecrets, StaticWebhookSecrets } from './adapters/webhook-secrets';
import manifest from './function';
import { makeHandler } from './handler';
import { StripeWebhookConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, StripeWebhookConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      stripe,
      secrets: config.STRIPE_WEBHOOK_SECRET_NAME
        ? new SecretManagerWebhookSecrets(new SecretManagerServiceClient(), config.STRIPE_WEBHOOK_SECRET_NAME)
        : new StaticWebhookSecrets(config.STRIPE_WEBHOOK_SECRETS),
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
      clock: systemClock,
      customerTenants: new TtlCache<string>(5 * 60_000),
      tenantMetadataKey: config.STRIPE_TENANT_METADATA_KEY,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
