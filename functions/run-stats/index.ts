import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreBenchmarkStore, FirestoreBudgetStore, FirestoreRunStats } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { RunStatsConfigSchema } from './schema';

serveHttp(manifest, routes, RunStatsConfigSchema, ({ logger, db, clock, source, security }) =>
  makeHandler(
    {
      stats: new FirestoreRunStats(db),
      budgets: new FirestoreBudgetStore(db),
      benchmarks: new FirestoreBenchmarkStore(db),
      agents: new FirestoreAgentStore(db),
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      logger,
    },
    security,
  ),
);
