import { consume, type FailureRecorder } from '@backbone/shared/core';
import { suspendOnTrigger, type AgentWriterDeps } from '@backbone/shared/agents';
import manifest from './function';
import { consumedEvents } from './schema';

/** Violations within this window that suspend an agent (000#55). */
export const VIOLATIONS = { windowMs: 24 * 3_600_000, suspendAt: 3 };

/**
 * Constitutional violations (000#55): each one the PEP reports is recorded against its agent once
 * (a redelivery counts nothing twice); the third within a day suspends the deployed agent with
 * trigger `constitutional_violation`, audited.
 */
export function makeHandler(deps: AgentWriterDeps & { failures: FailureRecorder }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const { tenant, agentId, decisionId, policies } = event.data;
    const at = new Date(event.time);
    if (!(await deps.store.recordViolation(tenant, agentId, decisionId, at, policies))) return;
    const count = await deps.store.violationsSince(
      tenant,
      agentId,
      new Date(deps.clock.now().getTime() - VIOLATIONS.windowMs),
    );
    ctx.log.info('constitutional violation recorded', { agent: `${tenant}/${agentId}`, policies, inWindow: count });
    if (count < VIOLATIONS.suspendAt) return;
    const reason = `${count} constitutional violations in the last 24 hours (latest: ${policies.join(', ')})`;
    await suspendOnTrigger(deps, tenant, agentId, 'constitutional_violation', reason, { violations: count, policies });
  });
}
