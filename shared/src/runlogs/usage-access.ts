import { tenantOf, type Caller } from '../core/auth/caller';
import { PolicyDeniedError, ValidationError } from '../core/errors/app-errors';
import type { Clock } from '../core/ports/clock';
import { principalOf } from '../policy/gatekeeper';
import type { DecisionRequest } from '../policy/policy-engine';
import type { PolicyHolder } from '../policy/policy-holder';
import type { AuditLog } from '../audit/audit-log';

export interface UsageAccessDeps {
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/** A tenant's usage as the policies know it (usage.cedar). */
export const usageOf = (tenant: string) => ({ type: 'Usage' as const, id: tenant, tenant });

/** The tenant a request is about: named, or the caller's own. */
export function tenantFor(caller: Caller, named: string | undefined): string {
  const tenant = named ?? tenantOf(caller);
  if (!tenant)
    throw new ValidationError('Name the tenant (?tenant=).', [{ path: 'query.tenant', message: 'required' }]);
  return tenant;
}

/**
 * Reads of figures are decided by the policies; a refusal is audited (who tried to read whose
 * usage), an allowed read of figures is not (they hold no customer data).
 */
export async function authorizeRead(
  deps: UsageAccessDeps,
  caller: Caller,
  resource: DecisionRequest['resource'],
): Promise<void> {
  const principal = principalOf(caller);
  const decision = deps.holder.engine.decide({ principal, action: 'view', resource, context: {} });
  if (decision.decision === 'allow') return;
  await deps.audit.append([
    {
      actor: { type: principal.type, id: principal.id },
      action: 'usage.view',
      target: { type: resource.type, id: resource.id },
      outcome: 'deny',
      source: deps.source,
      at: deps.clock.now().toISOString(),
      details: { reasons: decision.reasons },
    },
  ]);
  throw new PolicyDeniedError(`Reading ${resource.type} ${resource.id} is not allowed.`, decision.reasons);
}
