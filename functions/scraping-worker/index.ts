import * as functions from '@google-cloud/functions-framework';
import { Storage } from '@google-cloud/storage';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import {
  createFirestore,
  FirestoreFailureRecorder,
  GcsBlobWriter,
  PubSubEventPublisher,
} from '@backbone/shared/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import { FirestoreHostGate } from './adapters/firestore-host-gate';
import { HttpPageFetcher } from './adapters/http-page-fetcher';
import { SCRAPER_USER_AGENT } from './robots';
import manifest from './function';
import { makeHandler } from './handler';
import { RobotsCache } from './robots-cache';
import { ScrapingWorkerConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, ScrapingWorkerConfigSchema);
if (config.SCRAPE_ALLOW_PRIVATE_HOSTS.length > 0 && !['local', 'test'].includes(config.BACKBONE_ENV))
  throw new Error(
    `SCRAPE_ALLOW_PRIVATE_HOSTS is for local development and tests, not ${config.BACKBONE_ENV}`,
  );
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const fetcher = new HttpPageFetcher({
  userAgent: SCRAPER_USER_AGENT,
  timeoutMs: config.SCRAPE_TIMEOUT_MS,
  maxBytes: config.SCRAPE_MAX_BYTES,
  maxRedirects: 5,
  allowPrivateHosts: config.SCRAPE_ALLOW_PRIVATE_HOSTS,
});
const gate = new FirestoreHostGate(db);
const limits = {
  perHost: config.SCRAPE_PER_HOST_LIMIT,
  maxAttempts: config.SCRAPE_MAX_ATTEMPTS,
  timeoutMs: config.SCRAPE_TIMEOUT_MS,
  backoffBaseMs: config.SCRAPE_BACKOFF_BASE_MS,
  maxInlineWaitMs: config.SCRAPE_MAX_INLINE_WAIT_MS,
};

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    store: new FirestoreScrapeStore(db),
    fetcher,
    gate,
    robots: new RobotsCache(
      fetcher,
      gate,
      { limit: limits.perHost, leaseMs: limits.timeoutMs + 5_000 },
      Date.now,
    ),
    blobs: new GcsBlobWriter(
      new Storage({ projectId: config.GOOGLE_CLOUD_PROJECT }).bucket(config.BUCKET_SCRAPED_CONTENT),
    ),
    publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
    failures: new FirestoreFailureRecorder(db),
    clock: systemClock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    limits,
    source: `backbone/${manifest.name}`,
    logger,
  }),
);
