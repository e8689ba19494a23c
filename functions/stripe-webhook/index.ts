import { TtlCache } from '@backbone/shared/core';
import { serveHttp } from '@backbone/shared/gcp';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import { SecretManagerWebhookSecrets, StaticWebhookSecrets } from './adapters/webhook-secrets';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { StripeWebhookConfigSchema } from './schema';

serveHttp(manifest, routes, StripeWebhookConfigSchema, ({ config, logger, db, clock, source, publisher, security }) => {
  const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);
  return makeHandler(
    {
      stripe,
      secrets: config.STRIPE_WEBHOOK_SECRET_NAME
        ? SecretManagerWebhookSecrets.forSecret(config.STRIPE_WEBHOOK_SECRET_NAME)
        : new StaticWebhookSecrets(config.STRIPE_WEBHOOK_SECRETS),
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher,
      clock,
      customerTenants: new TtlCache<string>(5 * 60_000),
      tenantMetadataKey: config.STRIPE_TENANT_METADATA_KEY,
      source,
      logger,
    },
    security,
  );
});
