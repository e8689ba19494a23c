import { serveHttp } from '@backbone/shared/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ActivityFeedConfigSchema } from './schema';

serveHttp(manifest, routes, ActivityFeedConfigSchema, ({ logger, source, security }) =>
  makeHandler({ source, logger }, security),
);
