import type { Clock } from '../core/ports/clock';
import type { AuditLog } from '../audit/audit-log';
import { approvalKey, holdsRole, type Party } from './approval';
import type { GatedDecision } from './approval-gate';
import { grantOpen } from './break-glass';
import type { BreakGlassStore } from './break-glass-store';

export interface BreakGlassGateDeps {
  breakGlass: BreakGlassStore;
  clock: Clock;
  audit: AuditLog;
  source: string;
}

/**
 * A Platform Governor's request the policies refuse goes through while an opened break-glass grant
 * covers exactly it (000#51): allowed with the grant as obligation, and each use audited
 * (`break-glass.used`) and counted on the grant. Only Governors hold grants, so nobody else's
 * decision costs a lookup.
 */
export async function gateOnBreakGlass(
  deps: BreakGlassGateDeps,
  ask: { principal: Party & { roles?: readonly string[]; portal?: string }; action: string; resource: Party },
  decision: GatedDecision,
): Promise<GatedDecision> {
  const { principal } = ask;
  if (decision.decision === 'allow' || principal.type !== 'User' || principal.portal !== 'PP') return decision;
  if (!holdsRole(principal.roles ?? [], 'platform_governor')) return decision;
  const now = deps.clock.now();
  const grant = await deps.breakGlass.latest(approvalKey({ type: 'User', id: principal.id }, ask.action, ask.resource));
  if (!grant || !grantOpen(grant, now)) return decision;
  await deps.breakGlass.update(grant.id, (g) => (grantOpen(g, now) ? { ...g, uses: g.uses + 1 } : null));
  await deps.audit.append([
    {
      actor: { type: 'User', id: principal.id },
      action: 'break-glass.used',
      target: { type: 'BreakGlass', id: grant.id },
      outcome: 'allow',
      source: deps.source,
      at: now.toISOString(),
      details: {
        action: ask.action,
        resource: ask.resource,
        overrode: decision.reasons,
        expiresAt: grant.expiresAt!.toISOString(),
      },
    },
  ]);
  return {
    ...decision,
    decision: 'allow',
    reasons: ['break-glass'],
    obligations: [`break-glass:${grant.id}`],
  };
}
