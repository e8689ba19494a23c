import { serveHttp } from '@backbone/shared/gcp';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { RunLogsConfigSchema } from './schema';

serveHttp(manifest, routes, RunLogsConfigSchema, ({ logger, db, clock, source, security }) =>
  makeHandler(
    {
      store: new FirestoreStepStore(db),
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      logger,
    },
    security,
  ),
);
