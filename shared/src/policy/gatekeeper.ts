import type { Caller } from '../auth/caller';
import { ForbiddenError, PolicyDeniedError } from '../errors/app-errors';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { DecisionRequest } from './policy-engine';
import type { PolicyHolder } from './policy-holder';

type EngineResource = DecisionRequest['resource'];

export interface GatekeeperDeps {
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/**
 * For functions that act for a caller (admin APIs): every privileged action is decided by the PEP's policies (the same Cedar set, hot-swapped
 * the same way) and leaves one audit record: the denial with its reasons, or what was done.
 */
export class Gatekeeper {
  constructor(private readonly deps: GatekeeperDeps) {}

  async run<T>(
    caller: Caller,
    action: DecisionRequest['action'],
    resource: EngineResource,
    work: () => Promise<{ result: T; details?: Record<string, unknown> }>,
  ): Promise<T> {
    const principal = principalOf(caller);
    const decision = this.deps.holder.engine.decide({ principal, action, resource, context: {} });
    const record = (outcome: string, details: Record<string, unknown>) =>
      this.deps.audit.append([
        {
          actor: { type: principal.type, id: principal.id },
          action: `governance.${action}`,
          target: { type: resource.type, id: resource.id },
          outcome,
          source: this.deps.source,
          at: this.deps.clock.now().toISOString(),
          details: { reasons: decision.reasons, policyVersion: decision.policyVersion, ...details },
        },
      ]);
    if (decision.decision === 'deny') {
      await record('deny', {});
      throw new PolicyDeniedError(
        `${action} on ${resource.type} ${resource.id} is not allowed.`,
        decision.reasons,
      );
    }
    const { result, details } = await work();
    await record('allow', details ?? {});
    return result;
  }
}

/** The PEP principal a verified caller stands for. API keys are for using the platform, not governing it. */
export function principalOf(caller: Caller): DecisionRequest['principal'] {
  switch (caller.kind) {
    case 'user':
      return {
        type: 'User',
        id: caller.uid,
        portal: caller.portal,
        tenant: caller.tenant,
        roles: caller.roles as DecisionRequest['principal']['roles'],
      };
    case 'service':
      return {
        type: 'Service',
        id: caller.email,
        roles: (caller.roles ?? []) as DecisionRequest['principal']['roles'],
      };
    default:
      throw new ForbiddenError('Governance changes need a signed-in user or a service identity.');
  }
}
