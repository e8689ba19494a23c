import type { Clock } from '../core/ports/clock';
import type { IdGenerator } from '../core/ports/id-generator';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import { announce } from './announce';
import { maskPii } from '../core/logging/pii-masker';
import type { AuditLog } from '../audit/audit-log';
import { APPROVAL_OBLIGATION, type Decision } from '../policy/policy-engine';
import { approvalKey, newApproval, standing, type Party } from './approval';
import type { ApprovalStore } from './approval-store';

export interface ApprovalGateDeps {
  approvals: ApprovalStore;
  ids: IdGenerator;
  clock: Clock;
  audit: AuditLog;
  source: string;
  /** Announces each new request on approval-events (the notifications push it to approvers). */
  publisher: EventPublisher;
  logger: Logger;
}

/** A decision once approvals are taken into account. */
export type GatedDecision = Omit<Decision, 'decision'> & {
  decision: 'allow' | 'deny' | 'approval_required';
  approvalId?: string;
};

/**
 * An allow that needs an approval (its obligation says so) stands only on an approved request for
 * the same principal, action and resource: the first ask opens the request (audited) and answers
 * `approval_required` with its id; later asks answer from its standing (granted for 24 hours once
 * approved; a veto or nobody answering refuses it for 24 hours, then it may be asked again).
 */
export async function gateOnApproval(
  deps: ApprovalGateDeps,
  ask: { principal: Party; action: string; resource: Party },
  decision: Decision,
): Promise<GatedDecision> {
  if (decision.decision !== 'allow' || !decision.obligations.includes(APPROVAL_OBLIGATION)) return decision;
  const now = deps.clock.now();
  const key = approvalKey(ask.principal, ask.action, ask.resource);
  const { request, created } = await deps.approvals.current(
    key,
    () =>
      newApproval({
        id: `apr_${deps.ids.next()}`,
        key,
        action: ask.action,
        principal: { ...ask.principal, id: maskPii(ask.principal.id) },
        resource: { ...ask.resource, id: maskPii(ask.resource.id) },
        // Ids are callers' strings: masked like any free text before they are stored.
        reason: maskPii(`${ask.action} ${ask.resource.type} ${ask.resource.id}`),
        now,
      }),
    now,
  );
  if (created) await announce(deps, request);
  if (created)
    await deps.audit.append([
      {
        actor: { type: ask.principal.type, id: ask.principal.id },
        action: 'approvals.requested',
        target: { type: 'Approval', id: request.id },
        outcome: 'pending',
        source: deps.source,
        at: now.toISOString(),
        details: { action: ask.action, resource: ask.resource, approver: request.chain[0]!.role },
      },
    ]);
  const obligations = decision.obligations.filter((o) => o !== APPROVAL_OBLIGATION);
  switch (standing(request, now)) {
    case 'granted':
      return { ...decision, obligations: [...obligations, `approval:${request.id}`], approvalId: request.id };
    case 'refused':
      return {
        ...decision,
        decision: 'deny',
        reasons: [`approval-${request.status}`],
        obligations,
        approvalId: request.id,
      };
    default:
      return { ...decision, decision: 'approval_required', obligations, approvalId: request.id };
  }
}
