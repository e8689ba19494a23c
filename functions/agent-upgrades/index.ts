import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentUpgradesConfigSchema } from './schema';

serveSchedule(manifest, AgentUpgradesConfigSchema, ({ logger, db, clock, source, publisher, security }) =>
  makeHandler({ store: new FirestoreAgentStore(db), publisher, clock, source, logger }, security),
);
