import {
  PolicyEngine,
  toFieldIssues,
  type AuditLog,
  type Clock,
  type Decision,
  type DecisionRequest,
  type Logger,
  type PolicySetSource,
} from '@backbone/shared';
import { PolicySetDocumentSchema } from './schema';

/**
 * The engine in use. A new policy set replaces it only if it parses and validates against the
 * schema; an invalid one is logged and the running version stays.
 */
export class PolicyHolder {
  constructor(private current: PolicyEngine) {}

  get engine(): PolicyEngine {
    return this.current;
  }

  offer(document: unknown, log: Logger): boolean {
    const parsed = PolicySetDocumentSchema.safeParse(document);
    if (!parsed.success) {
      log.error('policy set refused: malformed document', {
        issues: toFieldIssues(parsed.error),
        keeping: this.current.version,
      });
      return false;
    }
    if (parsed.data.version === this.current.version) return true;
    try {
      this.current = PolicyEngine.load(parsed.data as PolicySetSource);
      log.info('policy set activated', { version: parsed.data.version });
      return true;
    } catch (error) {
      log.error('policy set refused: invalid policies', {
        version: parsed.data.version,
        error,
        keeping: this.current.version,
      });
      return false;
    }
  }
}

export interface PepDeps {
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/** Decides each request and writes every decision to the audit log before answering. */
export async function decideAll(deps: PepDeps, requests: DecisionRequest[]): Promise<Decision[]> {
  const engine = deps.holder.engine;
  const decisions = requests.map((request) => engine.decide(request));
  const at = deps.clock.now().toISOString();
  await deps.audit.append(
    requests.map((request, i) => ({
      actor: { type: request.principal.type, id: request.principal.id },
      action: `pep.${request.action}`,
      target: { type: request.resource.type, id: request.resource.id },
      outcome: decisions[i]!.decision,
      source: deps.source,
      at,
      details: { reasons: decisions[i]!.reasons, policyVersion: decisions[i]!.policyVersion },
    })),
  );
  return decisions;
}
