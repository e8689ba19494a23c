import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ScrapingSchedulerConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, ScrapingSchedulerConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreScrapeStore(db),
      publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
      clock: systemClock,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
