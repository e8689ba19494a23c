import { BaseConfigSchema } from '@backbone/shared/core';
import { EmbedderConfigShape } from '@backbone/shared/constitution/gcp';
import { knowledgeEvents } from '@backbone/shared/scraping';
import { z } from 'zod';

export const ConstitutionIngestConfigSchema = BaseConfigSchema.extend({
  ...EmbedderConfigShape,
  BUCKET_SCRAPED_CONTENT: z.string().min(3),
});

export const consumedEvents = knowledgeEvents.consume('knowledge.source_updated');
