import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { scrapeSource, type WorkerDeps } from './service';

export function makeHandler(deps: WorkerDeps & { failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const result = await scrapeSource(deps, event.data, ctx.log);
    ctx.log.info('scrape request handled', { ...event.data, result });
  });
}
