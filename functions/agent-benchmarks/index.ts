import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreBenchmarkStore, FirestoreRunStats } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentBenchmarksConfigSchema } from './schema';

serveSchedule(manifest, AgentBenchmarksConfigSchema, ({ logger, db, clock, security }) =>
  makeHandler(
    {
      stats: new FirestoreRunStats(db),
      agents: new FirestoreAgentStore(db),
      benchmarks: new FirestoreBenchmarkStore(db),
      clock,
      logger,
    },
    security,
  ),
);
