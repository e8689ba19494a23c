import { uuidGenerator } from '@backbone/shared/core';
import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ScrapingApiConfigSchema } from './schema';

serveHttp(manifest, routes, ScrapingApiConfigSchema, (context) => {
  const { db, publisher } = context;
  return makeHandler(
    {
      store: new FirestoreScrapeStore(db),
      publisher,
      ids: uuidGenerator,
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
