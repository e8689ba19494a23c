import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  createStripeClient,
  DEFAULT_POLICY_SET,
  entryPointOf,
  FirestoreAuditLog,
  FirestoreBillingStore,
  FirestorePolicySource,
  functionContext,
  httpSecurity,
  PolicyEngine,
  PolicyHolder,
  PubSubEventPublisher,
  StripeApiGateway,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { BillingApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, BillingApiConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const stripe = createStripeClient(config.STRIPE_API_KEY, config.STRIPE_API_ENDPOINT);
const holder = new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET));
new FirestorePolicySource(db).watch(
  (document) => holder.offer(document, logger),
  (error) => logger.error('policy set listener failed; keeping the current version', { error }),
);

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
      source: 'backbone/stripe-webhook',
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
