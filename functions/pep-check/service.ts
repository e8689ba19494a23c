import { mapWithConcurrency, type Clock } from '@backbone/shared/core';
import { type Decision, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import type { ContextResolver } from './context';
import type { PepRequest } from './schema';

export interface PepDeps {
  holder: PolicyHolder;
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
        reasons: resolved[i]!.reasons,
        policyVersion: resolved[i]!.policyVersion,
        context: resolved[i]!.context,
      },
    })),
  );
  return resolved.map(({ context: _context, ...decision }) => decision);
}
