import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-record';
import { inheritedRoles, type Role } from '../core/auth/roles';

/**
 * Who is asked, in order, and how long each has (000#54): the Platform Governor 24 hours, then the
 * Deputy Governor 4 hours; nobody answering is a DENY.
 */
export const APPROVAL_CHAIN = [
  { role: 'platform_governor', hours: 24 },
  { role: 'deputy_governor', hours: 4 },
] as const satisfies readonly { role: Role; hours: number }[];

/** How long an approval lets the approved action through, and how long a refusal keeps refusing it. */
export const GRANT_HOURS = 24;
export const REFUSAL_HOURS = 24;

export type ApprovalStatus = 'pending' | 'approved' | 'vetoed' | 'expired';
export type ApprovalEvent = 'requested' | 'escalated' | 'approved' | 'vetoed' | 'expired';

export interface Party {
  type: string;
  id: string;
  tenant?: string;
}

/** An action waiting for (or decided by) a human, with its durable deadlines. */
export interface ApprovalRequest {
  id: string;
  /** The same principal, action and resource always have the same key. */
  key: string;
  action: string;
  principal: Party;
  resource: Party;
  /** Masked free text: why the action is asked for. */
  reason: string;
  chain: { role: string; deadlineAt: Date }[];
  /** The chain step currently asked. */
  stage: number;
  /** chain[stage].deadlineAt while pending: what the sweeper queries. */
  nextDeadlineAt: Date | null;
  status: ApprovalStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** Until when an approved action is let through, or a refused one refused. */
  until: Date | null;
  history: { at: Date; event: ApprovalEvent; stage: number; by?: string }[];
  /** Whether the current step was published to its approvers (approval-events). */
  announced: boolean;
}

export function approvalKey(principal: Party, action: string, resource: Party): string {
  return createHash('sha256').update(canonicalJson({ principal, action, resource })).digest('hex').slice(0, 32);
}

const hours = (n: number) => n * 3_600_000;

export function newApproval(input: {
  id: string;
  /** The key of the parties as asked, when the stored ones are masked. */
  key?: string;
  action: string;
  principal: Party;
  resource: Party;
  reason: string;
  now: Date;
}): ApprovalRequest {
  let at = input.now.getTime();
  const chain = APPROVAL_CHAIN.map((step) => ({ role: step.role, deadlineAt: new Date((at += hours(step.hours))) }));
  return {
    id: input.id,
    key: input.key ?? approvalKey(input.principal, input.action, input.resource),
    action: input.action,
    principal: input.principal,
    resource: input.resource,
    reason: input.reason,
    chain,
    stage: 0,
    nextDeadlineAt: chain[0]!.deadlineAt,
    status: 'pending',
    createdAt: input.now,
    decidedAt: null,
    decidedBy: null,
    until: null,
    history: [{ at: input.now, event: 'requested', stage: 0 }],
    announced: false,
  };
}

/** What a request means for the action now: let through, still waiting, or refused. */
export function standing(request: ApprovalRequest, now: Date): 'granted' | 'pending' | 'refused' | 'lapsed' {
  if (request.status === 'pending') return 'pending';
  if (request.until && now < request.until) return request.status === 'approved' ? 'granted' : 'refused';
  return 'lapsed';
}

/**
 * The sweeper's step: a pending request whose current deadline has passed goes to the next approver,
 * or, past the last, expires (DENY). Null when nothing is due, so firing twice changes nothing.
 */
export function escalate(request: ApprovalRequest, now: Date): ApprovalRequest | null {
  if (request.status !== 'pending' || !request.nextDeadlineAt || now < request.nextDeadlineAt) return null;
  const stage = request.stage + 1;
  if (stage < request.chain.length)
    return {
      ...request,
      stage,
      nextDeadlineAt: request.chain[stage]!.deadlineAt,
      history: [...request.history, { at: now, event: 'escalated', stage }],
      announced: false,
    };
  return {
    ...request,
    status: 'expired',
    nextDeadlineAt: null,
    decidedAt: now,
    until: new Date(now.getTime() + hours(REFUSAL_HOURS)),
    history: [...request.history, { at: now, event: 'expired', stage: request.stage }],
  };
}

export class ApprovalRefusedError extends Error {
  constructor(
    readonly why: 'not_pending' | 'not_the_approver' | 'own_request',
    message: string,
  ) {
    super(message);
  }
}

/** Every role `roles` hold, inherited ones included (a Platform Governor holds the Deputy's role). */
export function expandRoles(roles: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (r: string) => {
    if (seen.has(r)) return;
    seen.add(r);
    for (const next of inheritedRoles(r as Role) ?? []) visit(next);
  };
  roles.forEach(visit);
  return [...seen].sort();
}

/** Whether `roles` include `role`, by inheritance. */
export function holdsRole(roles: readonly string[], role: string): boolean {
  return expandRoles(roles).includes(role);
}

/**
 * An approver's verdict: only the role asked at the current step (or one that holds it) decides,
 * never the requester. Approving lets the action through for GRANT_HOURS.
 */
export function decide(
  request: ApprovalRequest,
  approver: { id: string; roles: readonly string[] },
  verdict: 'approve' | 'veto',
  now: Date,
): ApprovalRequest {
  if (request.status !== 'pending') throw new ApprovalRefusedError('not_pending', `The request is ${request.status}.`);
  if (approver.id === request.principal.id)
    throw new ApprovalRefusedError('own_request', 'Nobody approves their own request.');
  const role = request.chain[request.stage]!.role;
  if (!holdsRole(approver.roles, role))
    throw new ApprovalRefusedError('not_the_approver', `This step is the ${role}'s.`);
  const event = verdict === 'approve' ? 'approved' : 'vetoed';
  return {
    ...request,
    status: event,
    nextDeadlineAt: null,
    decidedAt: now,
    decidedBy: approver.id,
    until: new Date(now.getTime() + hours(verdict === 'approve' ? GRANT_HOURS : REFUSAL_HOURS)),
    history: [...request.history, { at: now, event, stage: request.stage, by: approver.id }],
  };
}
