import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { RunLogsConfigSchema } from './schema';

serveHttp(manifest, routes, RunLogsConfigSchema, (context) =>
  makeHandler({ store: new FirestoreStepStore(context.db), ...gatekeeperDeps(context) }, context.security),
);
