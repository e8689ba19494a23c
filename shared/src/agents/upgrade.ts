import type { Clock } from '../core/ports/clock';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import { applyAndPublish } from './apply-and-publish';
import { announced, revised } from './agent-changes';
import type { AgentStore } from './agent-store';

/** How long a run's lease holds without a heartbeat. */
export const RUN_LEASE_MS = 60_000;

export type UpgradeProgress = 'none' | 'draining' | 'done';

/**
 * Moves an agent's upgrade on by the steps that can be taken now (000#15): while a run started on
 * the old version still holds its lease the upgrade waits (`draining`: new runs are refused); then
 * the deployed version switches (`switched`, announced as `agent.upgraded`) and the upgrade ends,
 * so runs resume on the new version. Each step is its own transaction: called again after a crash,
 * it goes on from the step stored. Safe to call from anywhere, any number of times.
 */
export async function advanceUpgrade(
  deps: { store: AgentStore; publisher: EventPublisher; logger: Logger; clock: Clock; source: string },
  tenant: string,
  id: string,
): Promise<UpgradeProgress> {
  const agent = await deps.store.get(tenant, id);
  if (!agent?.upgrade) return 'none';
  const by = `service:${deps.source.replace(/^backbone\//, '')}`;
  if (agent.upgrade.step === 'draining') {
    if (await deps.store.hasActiveRuns(tenant, id, deps.clock.now())) return 'draining';
    await applyAndPublish(deps, tenant, id, undefined, (current) => {
      if (!current?.upgrade || current.upgrade.step !== 'draining') return null;
      const at = deps.clock.now();
      const { to } = current.upgrade;
      const switched = {
        deployedVersion: to,
        candidateVersion: to,
        upgrade: { ...current.upgrade, step: 'switched' as const },
      };
      const record = revised(current, switched, by, at);
      return announced(deps.source, 'agent.upgraded', record, { from: current.status, event: 'upgrade', by, at });
    });
  }
  await applyAndPublish(deps, tenant, id, undefined, (current) => {
    if (!current?.upgrade || current.upgrade.step !== 'switched') return null;
    const at = deps.clock.now();
    return {
      record: revised(current, { upgrade: null }, by, at),
      events: [],
    };
  });
  return 'done';
}
