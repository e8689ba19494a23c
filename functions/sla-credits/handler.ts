import { createEventHandler, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { creditIncident, type SlaDeps } from './service';

export function makeHandler(deps: SlaDeps & { failures: FailureRecorder; logger: Logger }) {
  return createEventHandler({
    functionName: manifest.name,
    logger: deps.logger,
    failures: deps.failures,
    schemas: consumedEvents,
    handle: async (event, ctx) => {
      await creditIncident(deps, event.data, ctx.log);
    },
  });
}
