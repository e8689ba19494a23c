import { cacheInvalidations } from './constitution-events';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/ports/clock';
import type { CorpusStore } from './corpus-store';
import type { Embedder } from './embedder';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Clause, CorpusKind } from './clauses';

const EMBED_BATCH = 64;

/**
 * Embeds a document's clauses and replaces the document in the corpus. A new corpus version is
 * announced with `cache.invalidate` (000#59): instances drop their L1, and shared answers of older
 * versions are never served. The same content again (a redelivered event) changes nothing.
 */
export async function ingestDocument(
  deps: { store: CorpusStore; embedder: Embedder; publisher: EventPublisher; clock: Clock; source: string },
  documentId: string,
  kind: CorpusKind,
  clauses: Clause[],
): Promise<{ changed: boolean; corpusVersion: number; clauses: number; removed: number }> {
  const contentHash = createHash('sha256')
    .update(JSON.stringify(clauses.map((c) => [c.clauseId, c.title, c.text, c.precedent ?? null])))
    .digest('hex');
  const vectors: number[][] = [];
  for (let i = 0; i < clauses.length; i += EMBED_BATCH)
    vectors.push(
      ...(await deps.embedder.embed(
        clauses.slice(i, i + EMBED_BATCH).map((c) => `${c.title}\n${c.text}`),
        'document',
      )),
    );
  const result = await deps.store.replaceDocument({
    documentId,
    kind,
    contentHash,
    clauses: clauses.map((c, i) => ({ ...c, embedding: vectors[i]! })),
    model: deps.embedder.model,
  });
  if (result.changed)
    await deps.publisher.publish(
      cacheInvalidations.name,
      cacheInvalidations.event('cache.invalidate', {
        id: `cache.invalidate:constitution:${result.version}`,
        source: deps.source,
        time: deps.clock.now(),
        subject: 'constitution',
        data: { cache: 'constitution', corpusVersion: result.version, documentId },
      }),
    );
  return {
    changed: result.changed,
    corpusVersion: result.version,
    clauses: clauses.length,
    removed: result.removed,
  };
}
