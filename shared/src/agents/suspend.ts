import type { AuditLog } from '../audit/audit-log';
import { serviceRecord } from '../audit/audit-record';
import type { Clock } from '../core/ports/clock';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import { applyAndPublish } from './apply-and-publish';
import { announced, revised } from './agent-changes';
import type { AgentStore } from './agent-store';
import type { LifecycleDefinitions } from './lifecycle';

/**
 * Suspends a deployed agent on a trigger Backbone evaluates itself (000#55): the suspension names
 * its trigger and figures, is announced on `agent-events` and audited as the service that saw it.
 * An agent not deployed (suspended already, retired) is left as it is. Resolves whether it acted.
 */
/** What a service that changes agents on its own needs: the registry, its lifecycle, the broker and the audit log. */
export interface AgentWriterDeps {
  store: AgentStore;
  lifecycles: LifecycleDefinitions;
  audit: AuditLog;
  publisher: EventPublisher;
  clock: Clock;
  source: string;
  logger: Logger;
}

export async function suspendOnTrigger(
  deps: AgentWriterDeps,
  tenant: string,
  id: string,
  trigger: 'error_rate' | 'constitutional_violation',
  reason: string,
  details: Record<string, unknown>,
): Promise<boolean> {
  const service = deps.source.replace(/^backbone\//, '');
  const by = `service:${service}`;
  const at = deps.clock.now();
  let suspended = false;
  await applyAndPublish(deps, tenant, id, undefined, (agent) => {
    if (!agent || agent.status !== 'deployed') return null;
    suspended = true;
    const status = deps.lifecycles.next(agent.lifecycle, agent.status, 'suspend');
    const record = revised(agent, { status, note: { event: 'suspend', reason, trigger, by, at } }, by, at);
    return announced(deps.source, 'agent.status_changed', record, { from: agent.status, event: 'suspend', by, at });
  });
  if (suspended)
    await deps.audit.append([
      serviceRecord(
        deps.source,
        at,
        {
          action: 'agents.suspend',
          target: { type: 'Agent', id: `${tenant}/${id}` },
          outcome: 'allow',
          details: { trigger, reason, ...details },
        },
        service,
      ),
    ]);
  return suspended;
}
