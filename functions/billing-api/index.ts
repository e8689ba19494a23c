import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { BillingApiConfigSchema } from './schema';

serveHttp(manifest, routes, BillingApiConfigSchema, ({ config, logger, db, clock, source, publisher, security }) => {
  const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);
  const holder = watchedPolicyHolder(db, logger);
  return makeHandler(
    {
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher,
      holder,
      audit: new FirestoreAuditLog(db),
      clock,
      tenantMetadataKey: config.STRIPE_TENANT_METADATA_KEY,
      source,
      planRanks: config.PLAN_PRICES,
      logger,
    },
    security,
  );
});
