import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock, uuidGenerator } from '@backbone/shared/core';
import { createFirestore, httpSecurity, PubSubEventPublisher } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ScrapingApiConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, ScrapingApiConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const holder = watchedPolicyHolder(db, logger);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      store: new FirestoreScrapeStore(db),
      publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
      holder,
      audit: new FirestoreAuditLog(db),
      clock: systemClock,
      ids: uuidGenerator,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
