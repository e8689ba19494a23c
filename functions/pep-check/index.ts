import { uuidGenerator } from '@backbone/shared/core';
import { FirestoreApprovalStore, FirestoreBreakGlassStore } from '@backbone/shared/approvals/gcp';
import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { ContextResolver } from './context';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { PepConfigSchema } from './schema';

serveHttp(manifest, routes, PepConfigSchema, ({ logger, db, clock, source, publisher, security }) => {
  const holder = watchedPolicyHolder(db, logger);
  const trials = new FirestoreTrialStore(db);
  const resolver = new ContextResolver({
    trials,
    registry: new FirestoreRegistryStore(db),
    agents: new FirestoreAgentStore(db),
    clock,
  });
  return makeHandler(
    {
      holder,
      publisher,
      resolver,
      trials,
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      approvals: new FirestoreApprovalStore(db),
      breakGlass: new FirestoreBreakGlassStore(db),
      ids: uuidGenerator,
      logger,
    },
    security,
  );
});
