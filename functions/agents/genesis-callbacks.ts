import { callerId, type Caller } from '@backbone/shared/core';
import {
  applyAndPublish,
  conformityOf,
  revised,
  type AgentRecord,
  type GenesisCallback,
} from '@backbone/shared/agents';
import { agentResource } from './agent-resource';
import { applyLifecycle, statusEvents, UPGRADABLE, withVersion } from './lifecycle-change';
import type { LifecycleRequest } from './schema';
import type { AgentRegistryDeps } from './service';

/** Genesis, as the policies see it: a service that certifies (callbacks are authenticated by their signature). */
const GENESIS: Caller = { kind: 'service', email: 'genesis', subject: 'genesis', roles: ['industry_manager'] };

/**
 * A Genesis callback (000#2), its signature verified: progress updates the certification, a
 * verdict certifies or rejects the submitted version as Genesis (a service holding
 * industry_manager), audited like any other. A callback seen before, or one for a request that is
 * no longer the agent's (a resubmission, a verdict after a withdrawal), changes nothing. A
 * verdict may carry its three conformity runs (000#23), kept with their median, deviation and
 * variance warning; a decertification of the deployed version suspends the agent (000#55).
 */
export async function applyGenesisCallback(
  deps: AgentRegistryDeps,
  callback: GenesisCallback,
): Promise<'applied' | 'duplicate' | 'stale'> {
  const { tenant, agentId: id } = callback;
  const current = await deps.store.get(tenant, id);
  // A verdict and a decertification are certification decisions (approve); progress is only read back.
  const action = callback.type === 'progress' ? 'view' : 'approve';
  return deps.gate.run(GENESIS, action, agentResource(tenant, id, current), async () => {
    const at = deps.clock.now();
    const by = callerId(GENESIS);
    let outcome: 'applied' | 'duplicate' | 'stale' = 'stale';
    await applyAndPublish(deps, tenant, id, undefined, (agent) => {
      const certification = agent?.certification;
      if (!agent || !certification || certification.requestId !== callback.requestId)
        return ((outcome = 'stale'), null);
      if (certification.callbacks.includes(callback.callbackId)) return ((outcome = 'duplicate'), null);
      const seen = [...certification.callbacks, callback.callbackId].slice(-50);
      if (callback.type === 'progress') {
        outcome = 'applied';
        const progressed = { ...certification, stage: callback.stage, percent: callback.percent, callbacks: seen };
        return { record: { ...agent, certification: progressed, updatedAt: at }, events: [] };
      }
      if (callback.type === 'verdict' && agent.status !== 'submitted' && UPGRADABLE.has(agent.status)) {
        // The next version of a live agent (an upgrade's candidate): certified or not, the agent runs on.
        outcome = 'applied';
        const certified = callback.verdict === 'certified';
        const decided: Partial<AgentRecord> = {
          certifiedVersions: certified
            ? withVersion(agent.certifiedVersions, certification.version)
            : agent.certifiedVersions,
          rejections: certified ? agent.rejections : agent.rejections + 1,
          certification: { ...certification, stage: 'decided', percent: 100, callbacks: seen },
          ...(callback.conformity ? { conformity: conformityOf(callback.conformity) } : {}),
        };
        return { record: revised(agent, decided, by, at), events: [] };
      }
      const expected = callback.type === 'verdict' ? 'submitted' : 'deployed';
      if (agent.status !== expected) return ((outcome = 'stale'), null);
      outcome = 'applied';
      const request: LifecycleRequest =
        callback.type === 'decertification'
          ? { event: 'suspend', trigger: 'genesis_decertification', reason: `Genesis: ${callback.reason}` }
          : callback.verdict === 'certified'
            ? { event: 'certify', reason: callback.reason || 'Genesis: certified' }
            : { event: 'reject', reason: callback.reason || 'Genesis: rejected' };
      const event = request.event;
      const next = applyLifecycle(deps.lifecycles, agent, request, undefined, by, at);
      const decided = {
        ...next,
        certification: { ...certification, stage: 'decided', percent: 100, callbacks: seen },
        ...(callback.type === 'verdict' && callback.conformity
          ? { conformity: conformityOf(callback.conformity) }
          : {}),
      };
      return { record: decided, events: statusEvents(deps.source, agent, decided, event, by, at) };
    });
    return { result: outcome, details: { agent: id, callback: callback.callbackId, type: callback.type, outcome } };
  });
}
