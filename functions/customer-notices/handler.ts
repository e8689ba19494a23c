import { consume, systemClock, type Clock, type FailureRecorder } from '@backbone/shared/core';
import manifest from './function';
import { notifyTenant, type CustomerNoticeDeps } from './notify';
import { consumedEvents } from './schema';

export function makeHandler(deps: CustomerNoticeDeps & { failures: FailureRecorder; clock?: Clock }) {
  const clock = deps.clock ?? systemClock;
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const outcome = await notifyTenant(deps, event, clock.now());
    ctx.log.info('tenant notified', { tenant: event.data.tenant, type: event.type, ...outcome });
  });
}
