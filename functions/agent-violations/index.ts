import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { agentWriterDeps } from '@backbone/shared/agents/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentViolationsConfigSchema } from './schema';

serveEvents(manifest, AgentViolationsConfigSchema, ({ logger, db, clock, source, publisher }) =>
  makeHandler({
    ...agentWriterDeps(db, { publisher, clock, source, logger }),
    failures: new FirestoreFailureRecorder(db),
  }),
);
