import { BaseConfigSchema } from '@backbone/shared/core';
import { EmbedderConfigShape } from '@backbone/shared/constitution/gcp';
import { z } from 'zod';

export const ConstitutionIngestConfigSchema = BaseConfigSchema.extend({
  ...EmbedderConfigShape,
  BUCKET_SCRAPED_CONTENT: z.string().min(3),
});

/** What the scraper publishes (functions/scraping-worker). */
export const SourceUpdatedSchema = z.object({
  sourceId: z.string().min(1),
  industry: z.string().min(1),
  url: z.string(),
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  object: z.string().startsWith('sources/'),
});

export const consumedEvents = { 'knowledge.source_updated': SourceUpdatedSchema };
