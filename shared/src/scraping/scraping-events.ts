import { z } from 'zod';
import { defineTopic } from '../core/events/topic';
import { ScrapeRequestSchema } from './source';

/** `scrape-requests`: one source to fetch in one run (API, scheduler -> worker); not ordered. */
export const scrapeRequests = defineTopic('scrape-requests', {
  ordered: false,
  events: { 'scraping.requested': ScrapeRequestSchema },
});

/** `knowledge-events`: a source's text changed and is stored (worker -> constitution-ingest), ordered per source. */
export const knowledgeEvents = defineTopic('knowledge-events', {
  ordered: true,
  events: {
    'knowledge.source_updated': z.object({
      sourceId: z.string().min(1),
      industry: z.string().min(1),
      url: z.string(),
      version: z.number().int().positive(),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      object: z.string().startsWith('sources/'),
      bytes: z.number().int().min(0),
      runId: z.string().min(1),
    }),
  },
});
