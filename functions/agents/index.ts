import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { AgentsConfigSchema } from './schema';

serveHttp(manifest, routes, AgentsConfigSchema, ({ logger, db, clock, source, publisher, security }) =>
  makeHandler(
    {
      store: new FirestoreAgentStore(db),
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      lifecycles: SHIPPED_LIFECYCLES,
      publisher,
      clock,
      source,
      logger,
    },
    security,
  ),
);
