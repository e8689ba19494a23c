import { consume, systemClock, type Clock, type FailureRecorder } from '@backbone/shared/core';
import manifest from './function';
import { notifyApprovers, type NotifyDeps } from './notify';
import { consumedEvents } from './schema';

export function makeHandler(deps: NotifyDeps & { failures: FailureRecorder; clock?: Clock }) {
  const clock = deps.clock ?? systemClock;
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const outcome = await notifyApprovers(deps, event, clock.now());
    ctx.log.info('approvers notified', { approvalId: event.data.approvalId, ...outcome });
  });
}
