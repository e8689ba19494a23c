import type { Caller } from '../core/auth/caller';
import { AppError, ForbiddenError, PolicyDeniedError } from '../core/errors/app-errors';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../core/logging/logger';
import type { Clock } from '../core/ports/clock';
import type { DecisionRequest } from './policy-engine';
import type { PolicyHolder } from './policy-holder';

type EngineResource = DecisionRequest['resource'];

export interface GatekeeperDeps {
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/** What every function that acts for callers is given: its Gatekeeper's deps and its logger. */
export interface GatedFunctionDeps extends GatekeeperDeps {
  logger: Logger;
}

/**
 * For functions that act for a caller (admin APIs): every privileged action is decided by the PEP's policies (the same Cedar set, hot-swapped
 * the same way) and leaves one audit record: the denial with its reasons, or what was done (an
 * intent recorded before the change and settled after it: allow, failed, or unknown after a crash).
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
    const record = (outcome: string, details: Record<string, unknown>) => ({
      actor: { type: principal.type, id: principal.id },
      action: `governance.${action}`,
      target: { type: resource.type, id: resource.id },
      outcome,
      source: this.deps.source,
      at: this.deps.clock.now().toISOString(),
      details: { reasons: decision.reasons, policyVersion: decision.policyVersion, ...details },
    });
    if (decision.decision === 'deny') {
      await this.deps.audit.append([record('deny', {})]);
      throw new PolicyDeniedError(`${action} on ${resource.type} ${resource.id} is not allowed.`, decision.reasons);
    }
    // The intent is durable before the change starts: whatever happens next (a crash, a failed
    // write of the outcome), the change cannot exist without its audit record.
    const intent = await this.deps.audit.begin(record('pending', {}));
    let done: { result: T; details?: Record<string, unknown> };
    try {
      done = await work();
    } catch (error) {
      await intent
        .settle('failed', { error: error instanceof AppError ? error.code : 'SYS-500' })
        .catch(() => undefined);
      throw error;
    }
    // A failed settle leaves the intent pending: the sequencer chains it as `unknown`, so the
    // change done is never answered as failed nor left unaudited.
    await intent.settle('allow', done.details ?? {}).catch(() => undefined);
    return done.result;
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
