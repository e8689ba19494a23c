import { randomUUID } from 'node:crypto';
import {
  mapWithConcurrency,
  type Clock,
  type EventPublisher,
  type IdGenerator,
  type Logger,
} from '@backbone/shared/core';
import { pepViolations, type PolicyHolder } from '@backbone/shared/policy';
import {
  gateOnApproval,
  gateOnBreakGlass,
  type ApprovalStore,
  type BreakGlassStore,
  type GatedDecision,
} from '@backbone/shared/approvals';
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
  /** Requests for the actions the policies let through only once a human approved them (000#54). */
  approvals: ApprovalStore;
  /** Emergency grants of Platform Governors (000#51). */
  breakGlass: BreakGlassStore;
  ids: IdGenerator;
}

/**
 * Decides each request with the context the PEP looked up itself, and writes every decision (with
 * that context) to the audit log before answering.
 */
export async function decideAll(deps: PepDeps, requests: PepRequest[]): Promise<GatedDecision[]> {
  const engine = deps.holder.engine;
  const resolved = await mapWithConcurrency(requests, 10, async (request) => {
    const { context, ...decision } = await deps.resolver.decide(engine, request);
    const parties = partiesOf(request);
    const gated = await gateOnApproval(deps, parties, decision);
    const opened = await gateOnBreakGlass(
      deps,
      { ...parties, principal: { ...parties.principal, roles: request.principal.roles, ...portalOf(request) } },
      gated,
    );
    return { ...opened, context };
  });
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
        ...(resolved[i]!.approvalId ? { approvalId: resolved[i]!.approvalId } : {}),
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
  resolved: GatedDecision[],
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

/** Who asks what of what, as an approval request names them. */
function partiesOf(request: PepRequest) {
  const { principal, resource } = request;
  return {
    principal: { type: principal.type, id: principal.id, ...(principal.tenant ? { tenant: principal.tenant } : {}) },
    action: request.action,
    resource: { type: resource.type, id: resource.id, ...('tenant' in resource ? { tenant: resource.tenant } : {}) },
  };
}

const portalOf = (request: PepRequest) =>
  request.principal.type === 'User' ? { portal: request.principal.portal } : {};
