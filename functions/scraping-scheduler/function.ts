import { defineFunction } from '@backbone/shared/core';
import { scrapeRequests } from '@backbone/shared/scraping';

export default defineFunction({
  name: 'scraping-scheduler',
  description:
    'Starts the daily scrape of the knowledge sources at 02:00 IST: records a run with every due source and publishes one scrape request per source (000#19).',
  trigger: {
    kind: 'schedule',
    cron: '0 2 * * *',
    timeZone: 'Asia/Kolkata',
    attemptDeadlineSeconds: 120,
    retryCount: 3,
  },
  runtime: { timeoutSeconds: 120 },
  touches: {
    collections: { read: ['knowledge_sources'], write: ['scrape_runs'] },
    publishes: [scrapeRequests],
  },
});
