import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';
import { scrapeRequests } from '@backbone/shared/scraping';

export default defineFunction({
  name: 'scraping-api',
  description:
    'The operator API of the scraper: add or change sources, run one source or all now, follow a run to completion, list sources by status (000#19).',
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { maxInstances: 5 },
  touches: {
    collections: {
      read: ['knowledge_sources', 'scrape_runs', 'policy_sets'],
      write: ['scrape_runs', 'knowledge_sources', 'audit_intake'],
    },
    publishes: [scrapeRequests],
  },
});
