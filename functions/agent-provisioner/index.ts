import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreSubscriptionPrices } from './adapters/firestore-subscription-prices';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentProvisionerConfigSchema } from './schema';

serveEvents(manifest, AgentProvisionerConfigSchema, ({ config, logger, db, clock, source, publisher }) =>
  makeHandler({
    store: new FirestoreAgentStore(db),
    subscriptions: new FirestoreSubscriptionPrices(db),
    plans: config.PLAN_AGENTS,
    lifecycles: SHIPPED_LIFECYCLES,
    audit: new FirestoreAuditLog(db),
    publisher,
    clock,
    source,
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
