import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { FirestoreActivityFeed } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ActivityFeedConfigSchema } from './schema';

serveHttp(manifest, routes, ActivityFeedConfigSchema, (context) => {
  const { config, db } = context;
  return makeHandler(
    {
      feed: new FirestoreActivityFeed(db),
      timings: {
        lifetimeMs: config.STREAM_LIFETIME_SECONDS * 1000,
        heartbeatMs: config.STREAM_HEARTBEAT_SECONDS * 1000,
      },
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
