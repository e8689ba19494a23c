import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { agentWriterDeps } from '@backbone/shared/agents/gcp';
import { FirestoreSubscriptionPrices } from './adapters/firestore-subscription-prices';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentProvisionerConfigSchema } from './schema';

serveEvents(manifest, AgentProvisionerConfigSchema, ({ config, logger, db, clock, source, publisher }) =>
  makeHandler({
    ...agentWriterDeps(db, { publisher, clock, source, logger }),
    subscriptions: new FirestoreSubscriptionPrices(db),
    plans: config.PLAN_AGENTS,
    failures: new FirestoreFailureRecorder(db),
  }),
);
