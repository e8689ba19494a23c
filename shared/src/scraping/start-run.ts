import { scrapeRequests } from './scraping-events';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { ScrapeStore } from './scrape-store';
import { isDue } from './source';

export interface StartRunInput {
  runId: string;
  trigger: 'schedule' | 'operator';
  requestedBy: string;
  now: Date;
  /** Only this source (an operator's "run it now"), due or not. */
  sourceId?: string;
  source: string;
}

/**
 * Records a run (every due source `requested`) and publishes one request per source. A retried
 * start finds the run and publishes again only what is still `requested` (workers ignore a
 * request whose outcome is settled), so a crash between recording and publishing loses nothing.
 */
export async function startRun(
  deps: { store: ScrapeStore; publisher: EventPublisher },
  input: StartRunInput,
): Promise<{ runId: string; created: boolean; published: number }> {
  const sources = input.sourceId
    ? [await deps.store.source(input.sourceId)].filter((s) => s !== undefined)
    : (await deps.store.listSources()).filter((s) => isDue(s, input.now));
  const ids = sources.map((s) => s.id);
  const { created, pending } = await deps.store.createRun(
    {
      id: input.runId,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      requestedAt: input.now,
      total: ids.length,
    },
    ids,
  );
  await Promise.all(
    pending.map((sourceId) =>
      deps.publisher.publish(
        scrapeRequests.name,
        scrapeRequests.event('scraping.requested', {
          id: `scraping.requested:${input.runId}:${sourceId}`,
          source: input.source,
          time: input.now,
          subject: sourceId,
          data: { runId: input.runId, sourceId },
        }),
      ),
    ),
  );
  return { runId: input.runId, created, published: pending.length };
}
