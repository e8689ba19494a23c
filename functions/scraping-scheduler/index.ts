import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ScrapingSchedulerConfigSchema } from './schema';

serveSchedule(manifest, ScrapingSchedulerConfigSchema, ({ logger, db, clock, source, publisher, security }) => {
  return makeHandler(
    {
      store: new FirestoreScrapeStore(db),
      publisher,
      clock,
      source,
      logger,
    },
    security,
  );
});
