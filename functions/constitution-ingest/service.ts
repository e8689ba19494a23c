import { type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { ingestDocument, splitParagraphs, type CorpusStore, type Embedder } from '@backbone/shared/constitution';
import { type BlobReader } from './blob-reader';
import type { z } from 'zod';
import type { knowledgeEvents } from '@backbone/shared/scraping';

export interface IngestDeps {
  blobs: BlobReader;
  store: CorpusStore;
  embedder: Embedder;
  publisher: EventPublisher;
  clock: Clock;
  source: string;
}

/**
 * A knowledge page becomes document `knowledge-<sourceId>` of the corpus, a clause per paragraph.
 * A redelivered event finds the same content stored and changes nothing.
 */
export async function ingestKnowledgePage(
  deps: IngestDeps,
  event: z.infer<(typeof knowledgeEvents.events)['knowledge.source_updated']>,
  log: Logger,
) {
  const text = await deps.blobs.read(event.object);
  const documentId = `knowledge-${event.sourceId}`;
  const result = await ingestDocument(deps, documentId, 'knowledge', splitParagraphs(documentId, text));
  log.info('knowledge page ingested', { documentId, ...result });
  return result;
}
