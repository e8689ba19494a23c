import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { HealthApiConfigSchema } from './schema';

serveHttp(manifest, routes, HealthApiConfigSchema, ({ logger, db, clock, source, security }) =>
  makeHandler(
    {
      store: new FirestoreHealthStore(db),
      clock,
      logger,
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      source,
    },
    security,
  ),
);
