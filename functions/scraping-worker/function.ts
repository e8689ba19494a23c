import { defineFunction } from '@backbone/shared/core';
import { knowledgeEvents, scrapeRequests } from '@backbone/shared/scraping';

export default defineFunction({
  name: 'scraping-worker',
  description:
    'Fetches one knowledge source per scrape request, politely (at most 5 requests in flight per host across instances, robots.txt and Crawl-delay, Retry-After, backoff) and safely (SSRF checks after DNS and on every redirect); writes changed text to Cloud Storage and publishes knowledge.source_updated (000#19).',
  trigger: {
    kind: 'pubsub',
    topic: scrapeRequests,
    ackDeadlineSeconds: 300,
    minBackoffSeconds: 30,
    maxBackoffSeconds: 600,
    maxDeliveryAttempts: 5,
  },
  runtime: { memory: '512Mi', timeoutSeconds: 300, maxInstances: 20 },
  env: {
    SCRAPE_PER_HOST_LIMIT: {
      description: 'Requests in flight per host, across all instances (000#19).',
      default: '5',
    },
    SCRAPE_MAX_ATTEMPTS: {
      description: 'Fetch attempts per source per run before it is dead-lettered.',
      default: '4',
    },
    SCRAPE_TIMEOUT_MS: { description: 'Deadline of one fetch, redirects included.', default: '15000' },
    SCRAPE_MAX_BYTES: { description: 'Largest page read.', default: '2097152' },
    SCRAPE_BACKOFF_BASE_MS: {
      description: 'Backoff base for 429/503 without Retry-After and transient failures.',
      default: '1000',
    },
    SCRAPE_MAX_INLINE_WAIT_MS: {
      description: 'Longer waits are left to Pub/Sub redelivery rather than held in the function.',
      default: '60000',
    },
    SCRAPE_ALLOW_PRIVATE_HOSTS: {
      description: 'Hosts allowed to resolve to private addresses: local and test only (refused elsewhere).',
      default: '',
    },
    BUCKET_SCRAPED_CONTENT: {
      description: 'Where page text versions are written (set by the infrastructure).',
    },
  },
  touches: {
    collections: {
      read: ['knowledge_sources', 'scrape_runs'],
      write: ['knowledge_sources', 'scrape_runs', 'scrape_hosts', 'dead_letters'],
    },
    publishes: [knowledgeEvents],
    buckets: [{ bucket: 'scraped-content', prefix: 'sources/', access: 'write' }],
  },
});
