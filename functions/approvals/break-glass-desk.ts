import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PolicyDeniedError,
  ValidationError,
  type Caller,
  type IdGenerator,
} from '@backbone/shared/core';
import {
  approveGrant,
  BreakGlassRefusedError,
  requestGrant,
  reviewGrant,
  type BreakGlassGrant,
  type BreakGlassStore,
  type Party,
} from '@backbone/shared/approvals';
import { FRESH_SIGN_IN_MS, requireStaff, type InboxDeps } from './approval-inbox';

export interface DeskDeps extends InboxDeps {
  breakGlass: BreakGlassStore;
  ids: IdGenerator;
}

/** A grant as the API shows it; an opened one past its end reads `expired`. */
export function grantView(g: BreakGlassGrant, now: Date) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: g.id,
    requester: g.requester,
    action: g.action,
    resource: g.resource,
    reason: g.reason,
    minutes: g.minutes,
    status: g.status === 'active' && g.expiresAt && g.expiresAt <= now ? 'expired' : g.status,
    approvals: g.approvals.map((a) => ({ by: a.by, at: a.at.toISOString() })),
    requestedAt: g.requestedAt.toISOString(),
    activatedAt: iso(g.activatedAt),
    expiresAt: iso(g.expiresAt),
    reviewDueAt: iso(g.reviewDueAt),
    review: g.review ? { ...g.review, at: g.review.at.toISOString() } : null,
    uses: g.uses,
  };
}

/**
 * Break-glass (000#51), each step by a freshly signed-in Platform Portal user and audited, refusals
 * included: a Governor asks, two other Governors or Deputies approve (the second opens it for at
 * most an hour), and one of them reviews it within 24 hours.
 */
export class BreakGlassDesk {
  constructor(private readonly deps: DeskDeps) {}

  async request(caller: Caller, input: { action: string; resource: Party; reason: string; minutes: number }) {
    const user = await this.fresh(caller, 'break-glass.requested', 'new');
    const now = this.deps.clock.now();
    const grant = await this.refusalsAudited(user.uid, 'break-glass.requested', 'new', async () =>
      requestGrant({ id: `bg_${this.deps.ids.next()}`, requester: { id: user.uid, roles: user.roles }, ...input, now }),
    );
    await this.deps.breakGlass.create(grant);
    await this.record(user.uid, 'break-glass.requested', grant.id, 'pending', {
      action: grant.action,
      resource: grant.resource,
      minutes: grant.minutes,
    });
    return grant;
  }

  async approve(caller: Caller, id: string) {
    const user = await this.fresh(caller, 'break-glass.approved', id);
    const now = this.deps.clock.now();
    const grant = await this.refusalsAudited(user.uid, 'break-glass.approved', id, () =>
      this.deps.breakGlass.update(id, (g) => approveGrant(g, { id: user.uid, roles: user.roles }, now)),
    );
    if (!grant) throw new NotFoundError(`No break-glass ${id}.`);
    await this.record(
      user.uid,
      grant.status === 'active' ? 'break-glass.activated' : 'break-glass.approved',
      id,
      'allow',
      {
        approvals: grant.approvals.length,
        ...(grant.expiresAt
          ? { expiresAt: grant.expiresAt.toISOString(), reviewDueAt: grant.reviewDueAt!.toISOString() }
          : {}),
      },
    );
    return grant;
  }

  async review(caller: Caller, id: string, note: string) {
    const user = await this.fresh(caller, 'break-glass.reviewed', id);
    const now = this.deps.clock.now();
    const grant = await this.refusalsAudited(user.uid, 'break-glass.reviewed', id, () =>
      this.deps.breakGlass.update(id, (g) => reviewGrant(g, { id: user.uid, roles: user.roles }, note, now)),
    );
    if (!grant) throw new NotFoundError(`No break-glass ${id}.`);
    await this.record(user.uid, 'break-glass.reviewed', id, 'allow', { uses: grant.uses, note });
    return grant;
  }

  async read(caller: Caller, id: string) {
    requireStaff(caller);
    const grant = await this.deps.breakGlass.get(id);
    if (!grant) throw new NotFoundError(`No break-glass ${id}.`);
    return grant;
  }

  /** The caller as a freshly signed-in staff member; a stale sign-in is refused once its refusal is audited. */
  private async fresh(caller: Caller, action: string, target: string) {
    const user = requireStaff(caller);
    if (!user.authTime || this.deps.clock.now().getTime() - user.authTime.getTime() > FRESH_SIGN_IN_MS) {
      await this.record(user.uid, action, target, 'deny', { why: 'stale_sign_in' });
      throw new ForbiddenError('Sign in again (within the last 4 hours) for break-glass.');
    }
    return user;
  }

  private async refusalsAudited<T>(
    actor: string,
    action: string,
    target: string,
    work: () => Promise<T> | T,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof BreakGlassRefusedError)) throw error;
      await this.record(actor, action, target, 'deny', { why: error.why });
      if (error.why === 'not_pending' || error.why === 'already_approved') throw new ConflictError(error.message);
      if (error.why === 'genesis_override')
        throw new ValidationError(error.message, [{ path: 'body.action', message: error.message }]);
      throw new PolicyDeniedError(error.message, [error.why]);
    }
  }

  private record(actor: string, action: string, target: string, outcome: string, details: Record<string, unknown>) {
    return this.deps.audit.append([
      {
        actor: { type: 'User', id: actor },
        action,
        target: { type: 'BreakGlass', id: target },
        outcome,
        source: this.deps.source,
        at: this.deps.clock.now().toISOString(),
        details,
      },
    ]);
  }
}
