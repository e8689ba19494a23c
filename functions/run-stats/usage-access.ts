import { PolicyDeniedError, ValidationError, tenantOf, type Caller, type Clock } from '@backbone/shared/core';
import { principalOf, type DecisionRequest, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';

export interface UsageAccessDeps {
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

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
