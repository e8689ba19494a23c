import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { FirestoreBenchmarkStore, FirestoreBudgetStore, FirestoreRunStats } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { RunStatsConfigSchema } from './schema';

serveHttp(manifest, routes, RunStatsConfigSchema, (context) => {
  const { db } = context;
  return makeHandler(
    {
      stats: new FirestoreRunStats(db),
      budgets: new FirestoreBudgetStore(db),
      benchmarks: new FirestoreBenchmarkStore(db),
      agents: new FirestoreAgentStore(db),
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
