import { approvalKey, holdsRole, type Party } from './approval';

/** How long a grant may last at most, and how soon after it opens it must be reviewed (000#51). */
export const MAX_GRANT_MINUTES = 60;
export const REVIEW_HOURS = 24;
export const APPROVERS_NEEDED = 2;
/** Who may approve a break-glass request: Governors and Deputies, other than the requester. */
export const BREAK_GLASS_APPROVER_ROLE = 'deputy_governor';

/** A stored grant is pending or active; whether an active one has ended follows from `expiresAt`. */
export type GrantStatus = 'pending' | 'active';

/**
 * An emergency grant (000#51): one Platform Governor asks for one action on one resource, two other
 * approvers open it for at most an hour, and it must be reviewed within 24 hours of opening.
 */
export interface BreakGlassGrant {
  id: string;
  key: string;
  requester: string;
  action: string;
  resource: Party;
  /** Masked free text. */
  reason: string;
  minutes: number;
  approvals: { by: string; at: Date }[];
  status: GrantStatus;
  requestedAt: Date;
  activatedAt: Date | null;
  expiresAt: Date | null;
  reviewDueAt: Date | null;
  review: { by: string; at: Date; note: string } | null;
  uses: number;
}

export class BreakGlassRefusedError extends Error {
  constructor(
    readonly why:
      | 'not_a_governor'
      | 'genesis_override'
      | 'own_request'
      | 'already_approved'
      | 'not_pending'
      | 'not_active'
      | 'not_a_reviewer',
    message: string,
  ) {
    super(message);
  }
}

/** The Genesis verdicts (certify, override after rejections) are never opened by break-glass. */
export function refusesScope(action: string, resource: Party): boolean {
  return resource.type === 'Agent' && (action === 'approve' || action === 'override');
}

export function requestGrant(input: {
  id: string;
  requester: { id: string; roles: readonly string[] };
  action: string;
  resource: Party;
  reason: string;
  minutes: number;
  now: Date;
}): BreakGlassGrant {
  if (!holdsRole(input.requester.roles, 'platform_governor'))
    throw new BreakGlassRefusedError('not_a_governor', 'Only a Platform Governor asks for break-glass.');
  if (refusesScope(input.action, input.resource))
    throw new BreakGlassRefusedError(
      'genesis_override',
      "Break-glass never overrides Genesis' certification verdicts.",
    );
  return {
    id: input.id,
    key: approvalKey({ type: 'User', id: input.requester.id }, input.action, input.resource),
    requester: input.requester.id,
    action: input.action,
    resource: input.resource,
    reason: input.reason,
    minutes: Math.min(input.minutes, MAX_GRANT_MINUTES),
    approvals: [],
    status: 'pending',
    requestedAt: input.now,
    activatedAt: null,
    expiresAt: null,
    reviewDueAt: null,
    review: null,
    uses: 0,
  };
}

/** One approver's yes; the second distinct one (neither the requester) opens the grant. */
export function approveGrant(grant: BreakGlassGrant, approver: { id: string; roles: readonly string[] }, now: Date) {
  if (grant.status !== 'pending') throw new BreakGlassRefusedError('not_pending', `The grant is ${grant.status}.`);
  if (approver.id === grant.requester)
    throw new BreakGlassRefusedError('own_request', 'The requester cannot approve their own break-glass.');
  if (!holdsRole(approver.roles, BREAK_GLASS_APPROVER_ROLE))
    throw new BreakGlassRefusedError('not_a_governor', 'Break-glass is approved by Governors and Deputy Governors.');
  if (grant.approvals.some((a) => a.by === approver.id))
    throw new BreakGlassRefusedError('already_approved', 'Each approver counts once.');
  const approvals = [...grant.approvals, { by: approver.id, at: now }];
  if (approvals.length < APPROVERS_NEEDED) return { ...grant, approvals };
  return {
    ...grant,
    approvals,
    status: 'active' as const,
    activatedAt: now,
    expiresAt: new Date(now.getTime() + grant.minutes * 60_000),
    reviewDueAt: new Date(now.getTime() + REVIEW_HOURS * 3_600_000),
  };
}

/** Whether the grant lets its requester's action through now. */
export function grantOpen(grant: BreakGlassGrant, now: Date): boolean {
  return grant.status === 'active' && grant.expiresAt !== null && now < grant.expiresAt;
}

/** The review the grant's opening demands: by a Governor or Deputy other than the requester. */
export function reviewGrant(
  grant: BreakGlassGrant,
  reviewer: { id: string; roles: readonly string[] },
  note: string,
  now: Date,
) {
  if (grant.activatedAt === null) throw new BreakGlassRefusedError('not_active', 'Only an opened grant is reviewed.');
  if (reviewer.id === grant.requester || !holdsRole(reviewer.roles, BREAK_GLASS_APPROVER_ROLE))
    throw new BreakGlassRefusedError('not_a_reviewer', 'A Governor or Deputy other than the requester reviews it.');
  return { ...grant, review: { by: reviewer.id, at: now, note } };
}
