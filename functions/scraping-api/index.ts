import { uuidGenerator } from '@backbone/shared/core';
import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ScrapingApiConfigSchema } from './schema';

serveHttp(manifest, routes, ScrapingApiConfigSchema, ({ logger, db, clock, source, publisher, security }) => {
  const holder = watchedPolicyHolder(db, logger);
  return makeHandler(
    {
      store: new FirestoreScrapeStore(db),
      publisher,
      holder,
      audit: new FirestoreAuditLog(db),
      clock,
      ids: uuidGenerator,
      source,
      logger,
    },
    security,
  );
});
