import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { createStripeClient, FirestoreBillingStore, StripeApiGateway } from '@backbone/shared/billing/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { BillingApiConfigSchema } from './schema';

serveHttp(manifest, routes, BillingApiConfigSchema, (context) => {
  const { config, db, publisher } = context;
  const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);
  return makeHandler(
    {
      store: new FirestoreBillingStore(db),
      gateway: new StripeApiGateway(stripe),
      publisher,
      tenantMetadataKey: config.STRIPE_TENANT_METADATA_KEY,
      planRanks: config.PLAN_PRICES,
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
