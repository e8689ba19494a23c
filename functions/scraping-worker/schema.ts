import { BaseConfigSchema, commaList } from '@backbone/shared/core';
import { scrapeRequests } from '@backbone/shared/scraping';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ScrapingWorkerConfigSchema = BaseConfigSchema.extend({
  SCRAPE_PER_HOST_LIMIT: int(1, 50).default(5),
  SCRAPE_MAX_ATTEMPTS: int(1, 10).default(4),
  SCRAPE_TIMEOUT_MS: int(1000, 120_000).default(15_000),
  SCRAPE_MAX_BYTES: int(1024, 50 * 1024 * 1024).default(2 * 1024 * 1024),
  SCRAPE_BACKOFF_BASE_MS: int(10, 60_000).default(1000),
  SCRAPE_MAX_INLINE_WAIT_MS: int(0, 240_000).default(60_000),
  SCRAPE_ALLOW_PRIVATE_HOSTS: commaList,
  BUCKET_SCRAPED_CONTENT: z.string().min(3),
});
export type ScrapingWorkerConfig = z.infer<typeof ScrapingWorkerConfigSchema>;

export const consumedEvents = scrapeRequests.consume('scraping.requested');
