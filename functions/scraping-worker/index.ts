import { FirestoreFailureRecorder, GcsBlobWriter, serveEvents } from '@backbone/shared/gcp';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';
import { FirestoreHostGate } from './adapters/firestore-host-gate';
import { HttpPageFetcher } from './adapters/http-page-fetcher';
import { SCRAPER_USER_AGENT } from './robots';
import manifest from './function';
import { makeHandler } from './handler';
import { RobotsCache } from './robots-cache';
import { ScrapingWorkerConfigSchema } from './schema';

serveEvents(manifest, ScrapingWorkerConfigSchema, ({ config, logger, db, clock, source, publisher }) => {
  if (config.SCRAPE_ALLOW_PRIVATE_HOSTS.length > 0 && !['local', 'test'].includes(config.BACKBONE_ENV))
    throw new Error(`SCRAPE_ALLOW_PRIVATE_HOSTS is for local development and tests, not ${config.BACKBONE_ENV}`);
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
  return makeHandler({
    store: new FirestoreScrapeStore(db),
    fetcher,
    gate,
    robots: new RobotsCache(fetcher, gate, { limit: limits.perHost, leaseMs: limits.timeoutMs + 5_000 }, Date.now),
    blobs: GcsBlobWriter.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_SCRAPED_CONTENT),
    publisher,
    failures: new FirestoreFailureRecorder(db),
    clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    limits,
    source,
    logger,
  });
});
