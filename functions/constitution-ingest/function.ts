import { defineFunction } from '@backbone/shared/core';
import { cacheInvalidations } from '@backbone/shared/constitution';
import { knowledgeEvents } from '@backbone/shared/scraping';
import { EMBEDDER_MANIFEST_ENV } from '@backbone/shared/constitution/gcp';

export default defineFunction({
  name: 'constitution-ingest',
  description:
    'Adds updated knowledge pages to the constitutional corpus: on knowledge.source_updated, reads the page text from Cloud Storage, splits, embeds and stores it, and announces the new corpus version (000#9, 000#59).',
  trigger: {
    kind: 'pubsub',
    topic: knowledgeEvents,
    ordering: true,
    ackDeadlineSeconds: 120,
  },
  runtime: { memory: '512Mi', timeoutSeconds: 120, maxInstances: 5, concurrency: 1 },
  env: {
    ...EMBEDDER_MANIFEST_ENV,
    BUCKET_SCRAPED_CONTENT: {
      description: 'Where the scraper wrote page texts (set by the infrastructure).',
    },
  },
  touches: {
    collections: {
      read: ['constitution_state', 'constitution_documents'],
      write: ['constitution_chunks', 'constitution_documents', 'constitution_state', 'dead_letters'],
    },
    publishes: [cacheInvalidations],
    buckets: [{ bucket: 'scraped-content', prefix: 'sources/', access: 'read' }],
  },
});
