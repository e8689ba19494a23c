import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PolicyDeniedError,
  type Caller,
  type Clock,
} from '@backbone/shared/core';
import { type AuditLog } from '@backbone/shared/audit';
import {
  ApprovalRefusedError,
  decide,
  holdsRole,
  type ApprovalRequest,
  type ApprovalStore,
} from '@backbone/shared/approvals';

/** A verdict needs a sign-in this recent (000#34: a cached session on a lost phone cannot approve). */
export const FRESH_SIGN_IN_MS = 4 * 3_600_000;

export interface InboxDeps {
  approvals: ApprovalStore;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

export function approvalView(r: ApprovalRequest) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    action: r.action,
    principal: r.principal,
    resource: r.resource,
    reason: r.reason,
    status: r.status,
    approver: r.status === 'pending' ? r.chain[r.stage]!.role : null,
    deadlineAt: iso(r.nextDeadlineAt),
    chain: r.chain.map((c) => ({ role: c.role, deadlineAt: c.deadlineAt.toISOString() })),
    createdAt: r.createdAt.toISOString(),
    decidedAt: iso(r.decidedAt),
    decidedBy: r.decidedBy,
    until: iso(r.until),
    history: r.history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

/** Platform staff (auditor and every role above) see the inbox. */
export function requireStaff(caller: Caller): Extract<Caller, { kind: 'user' }> {
  if (caller.kind !== 'user' || caller.portal !== 'PP' || !holdsRole(caller.roles, 'auditor'))
    throw new ForbiddenError('Approval requests are for platform staff.');
  return caller;
}

export async function readApproval(deps: InboxDeps, caller: Caller, id: string) {
  const request = await deps.approvals.get(id);
  const isRequester = caller.kind === 'user' && request?.principal.id === caller.uid;
  if (!isRequester) requireStaff(caller);
  if (!request) throw new NotFoundError(`No approval request ${id}.`);
  return request;
}

/**
 * The approver's verdict, decided against the stored request in one transaction (two approvers at
 * once: one wins, the other gets 409), and audited either way.
 */
export async function decideApproval(
  deps: InboxDeps,
  caller: Caller,
  id: string,
  verdict: 'approve' | 'veto',
  note: string | undefined,
) {
  const approver = requireStaff(caller);
  const now = deps.clock.now();
  const record = (outcome: string, details: Record<string, unknown>) => ({
    actor: { type: 'User', id: approver.uid },
    action: `approvals.${verdict === 'approve' ? 'approved' : 'vetoed'}`,
    target: { type: 'Approval', id },
    outcome,
    source: deps.source,
    at: now.toISOString(),
    details: { ...details, ...(note ? { note } : {}) },
  });
  if (!approver.authTime || now.getTime() - approver.authTime.getTime() > FRESH_SIGN_IN_MS) {
    await deps.audit.append([record('deny', { why: 'stale_sign_in' })]);
    throw new ForbiddenError('Sign in again (within the last 4 hours) to decide an approval.');
  }
  let decided: ApprovalRequest | undefined;
  try {
    decided = await deps.approvals.update(id, (request) =>
      decide(request, { id: approver.uid, roles: approver.roles }, verdict, now),
    );
  } catch (error) {
    if (!(error instanceof ApprovalRefusedError)) throw error;
    await deps.audit.append([record('deny', { why: error.why })]);
    if (error.why === 'not_pending') throw new ConflictError(error.message);
    throw new PolicyDeniedError(error.message, [error.why]);
  }
  if (!decided) throw new NotFoundError(`No approval request ${id}.`);
  await deps.audit.append([
    record('allow', { stage: decided.history.at(-1)!.stage, until: decided.until?.toISOString() }),
  ]);
  return decided;
}
