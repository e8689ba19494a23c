import { consume, systemClock, type Clock, type FailureRecorder } from '@backbone/shared/core';
import { serviceRecord, type AuditLog } from '@backbone/shared/audit';
import manifest from './function';
import { notifyApprovers, type NotifyDeps } from './notify';
import { consumedEvents } from './schema';

/** Each step's notification is audited (`approvals.notified`: how many devices it reached) once it went out. */
export function makeHandler(
  deps: NotifyDeps & { failures: FailureRecorder; audit: AuditLog; source: string; clock?: Clock },
) {
  const clock = deps.clock ?? systemClock;
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const now = clock.now();
    const outcome = await notifyApprovers(deps, event, now);
    ctx.log.info('approvers notified', { approvalId: event.data.approvalId, ...outcome });
    if (outcome.sent > 0)
      await deps.audit.append([
        serviceRecord(deps.source, now, {
          action: 'approvals.notified',
          target: { type: 'Approval', id: event.data.approvalId },
          outcome: 'sent',
          details: {
            stage: event.data.stage,
            role: event.data.approverRole,
            devices: outcome.sent,
            pruned: outcome.pruned,
          },
        }),
      ]);
  });
}
