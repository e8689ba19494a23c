import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { RunLogsConfigSchema } from './schema';

serveHttp(manifest, routes, RunLogsConfigSchema, ({ logger, db, security }) =>
  makeHandler({ store: new FirestoreStepStore(db), logger }, security),
);
