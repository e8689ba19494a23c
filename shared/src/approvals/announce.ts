import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import type { ApprovalRequest } from './approval';
import { approvalAsked, approvalEvents } from './approval-events';
import type { ApprovalStore } from './approval-store';

/**
 * Announces a request's current step and marks it announced. A publish that fails leaves it
 * unannounced: the sweeper announces it on its next firing (a minute at most), so no approver
 * waits on a lost message; a repeat carries the same event id.
 */
export async function announce(
  deps: { approvals: ApprovalStore; publisher: EventPublisher; logger: Logger; source: string },
  request: ApprovalRequest,
): Promise<boolean> {
  try {
    await deps.publisher.publish(approvalEvents.name, approvalAsked(request, deps.source), { orderingKey: request.id });
  } catch (error) {
    deps.logger.warn('approval not announced; the sweeper will', { approvalId: request.id, error: String(error) });
    return false;
  }
  await deps.approvals.update(request.id, (r) =>
    r.stage === request.stage && r.status === 'pending' && !r.announced ? { ...r, announced: true } : null,
  );
  return true;
}
