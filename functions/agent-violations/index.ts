import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentViolationsConfigSchema } from './schema';

serveEvents(manifest, AgentViolationsConfigSchema, ({ logger, db, clock, source, publisher }) =>
  makeHandler({
    store: new FirestoreAgentStore(db),
    lifecycles: SHIPPED_LIFECYCLES,
    audit: new FirestoreAuditLog(db),
    publisher,
    clock,
    source,
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
