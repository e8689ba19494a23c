import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { HealthApiConfigSchema } from './schema';

serveHttp(manifest, routes, HealthApiConfigSchema, (context) =>
  makeHandler({ store: new FirestoreHealthStore(context.db), ...gatekeeperDeps(context) }, context.security),
);
