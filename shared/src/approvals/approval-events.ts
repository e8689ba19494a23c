import { z } from 'zod';
import { defineTopic } from '../core/events/topic';
import type { ApprovalRequest } from './approval';

const AskedSchema = z.object({
  approvalId: z.string(),
  /** The role asked now: who is notified. */
  approverRole: z.string(),
  stage: z.number().int(),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string(), tenant: z.string().optional() }),
  deadlineAt: z.iso.datetime(),
});

/**
 * `approval-events`: a request opened or escalated (000#54), ordered per request. The
 * notifications function pushes it to the devices of whoever holds the role asked.
 */
export const approvalEvents = defineTopic('approval-events', {
  ordered: true,
  events: { 'approval.requested': AskedSchema, 'approval.escalated': AskedSchema },
});

/** The event announcing a request's current step (its id names the step: a repeat is a duplicate). */
export function approvalAsked(request: ApprovalRequest, source: string) {
  const type = request.stage === 0 ? 'approval.requested' : 'approval.escalated';
  return approvalEvents.event(type, {
    id: `${type}:${request.id}:${request.stage}`,
    source,
    subject: request.id,
    time: request.history.at(-1)!.at,
    ...(request.resource.tenant ? { tenant: request.resource.tenant } : {}),
    data: {
      approvalId: request.id,
      approverRole: request.chain[request.stage]!.role,
      stage: request.stage,
      action: request.action,
      resource: request.resource,
      deadlineAt: request.chain[request.stage]!.deadlineAt.toISOString(),
    },
  });
}
