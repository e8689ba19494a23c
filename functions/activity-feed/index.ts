import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreActivityFeed } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ActivityFeedConfigSchema } from './schema';

serveHttp(manifest, routes, ActivityFeedConfigSchema, ({ config, logger, db, clock, source, security }) =>
  makeHandler(
    {
      feed: new FirestoreActivityFeed(db),
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      timings: {
        lifetimeMs: config.STREAM_LIFETIME_SECONDS * 1000,
        heartbeatMs: config.STREAM_HEARTBEAT_SECONDS * 1000,
      },
      clock,
      source,
      logger,
    },
    security,
  ),
);
