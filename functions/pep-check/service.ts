import { randomUUID } from 'node:crypto';
import { mapWithConcurrency, type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { pepViolations, type Decision, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import type { ContextResolver } from './context';
import type { PepRequest } from './schema';

export interface PepDeps {
  holder: PolicyHolder;
  publisher: EventPublisher;
  logger: Logger;
  resolver: ContextResolver;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/**
 * Decides each request with the context the PEP looked up itself, and writes every decision (with
 * that context) to the audit log before answering.
 */
export async function decideAll(deps: PepDeps, requests: PepRequest[]): Promise<Decision[]> {
  const engine = deps.holder.engine;
  const resolved = await mapWithConcurrency(requests, 10, (request) => deps.resolver.decide(engine, request));
  const at = deps.clock.now().toISOString();
  await deps.audit.append(
    requests.map((request, i) => ({
      actor: { type: request.principal.type, id: request.principal.id },
      action: `pep.${request.action}`,
      target: { type: request.resource.type, id: request.resource.id },
      outcome: resolved[i]!.decision,
      source: deps.source,
      at,
      details: {
        // The agent acting (or acted on): its run stats count the decision (004§2.2).
        ...agentOf(request),
        reasons: resolved[i]!.reasons,
        policyVersion: resolved[i]!.policyVersion,
        context: resolved[i]!.context,
      },
    })),
  );
  await reportViolations(deps, engine.constitutional, requests, resolved, at);
  return resolved.map(({ context: _context, ...decision }) => decision);
}

/**
 * A decision where a constitutional forbid denied an agent's action is reported on `pep-violations`
 * for that agent (000#55), after it is audited. Best effort: a broker failure is logged, never
 * turned into a failed decision (the audit log holds every decision either way).
 */
async function reportViolations(
  deps: PepDeps,
  constitutional: ReadonlySet<string>,
  requests: PepRequest[],
  resolved: Decision[],
  at: string,
): Promise<void> {
  const violations = requests.flatMap((request, i) => {
    const policies = resolved[i]!.decision === 'deny' ? resolved[i]!.reasons.filter((r) => constitutional.has(r)) : [];
    const agent = agentOf(request).agent;
    return agent && policies.length > 0 ? [{ request, agent, policies }] : [];
  });
  await Promise.all(
    violations.map(({ request, agent, policies }) => {
      const subject = `${agent.tenant}/${agent.id}`;
      const event = pepViolations.event('pep.constitutional_violation', {
        id: `pep.constitutional_violation:${randomUUID()}`,
        source: deps.source,
        subject,
        time: new Date(at),
        tenant: agent.tenant,
        data: {
          tenant: agent.tenant,
          agentId: agent.id,
          decisionId: randomUUID(),
          policies,
          action: request.action,
          resource: { type: request.resource.type, id: request.resource.id },
          principal: { type: request.principal.type, id: request.principal.id },
        },
      });
      return deps.publisher
        .publish(pepViolations.name, event, { orderingKey: subject })
        .catch((error: unknown) =>
          deps.logger.error('constitutional violation not reported', { agent: subject, error: String(error) }),
        );
    }),
  );
}

/** The agent a request is about: the one acting for the principal, or the agent acted on. */
function agentOf(request: PepRequest): { agent?: { tenant: string; id: string } } {
  const agent = request.agent ?? (request.resource.type === 'Agent' ? request.resource : undefined);
  return agent?.tenant ? { agent: { tenant: agent.tenant, id: agent.id } } : {};
}
