import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { creditIncident, type SlaDeps } from './service';

export function makeHandler(deps: SlaDeps & { failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    await creditIncident(deps, event.data, ctx.log);
  });
}
