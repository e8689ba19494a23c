import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { ingestKnowledgePage, type IngestDeps } from './service';

export function makeHandler(deps: IngestDeps & { failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    await ingestKnowledgePage(deps, event.data, ctx.log);
  });
}
