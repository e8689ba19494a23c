import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import { type AgentStore } from '@backbone/shared/agents';
import manifest from './function';
import type { GenesisClient } from './genesis-client';
import { consumedEvents } from './schema';

export interface AgentCertificationDeps {
  store: Pick<AgentStore, 'get' | 'versions'>;
  genesis: GenesisClient;
  callbackUrl: string;
  failures: FailureRecorder;
  logger: Logger;
}

/**
 * Asks Genesis to certify each submitted version (000#2), and each next version of a live agent
 * (000#15): the submission's event id is the request
 * id, so a redelivered event asks again harmlessly and Genesis answers through the agents
 * function's signed callback. An event whose submission is no longer the agent's (resubmitted,
 * retired, deleted) is acknowledged without asking.
 */
export function makeHandler(deps: AgentCertificationDeps) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const { tenant, agentId, to } = event.data;
    const submission = event.type === 'agent.status_changed';
    if (submission && to !== 'submitted') return;
    const agent = await deps.store.get(tenant, agentId);
    const certification = agent?.certification;
    // Still the agent's current request: a submission still submitted, or a live agent's next version undecided.
    const current = submission ? agent?.status === 'submitted' : certification?.stage !== 'decided';
    if (!agent || !current || certification?.requestId !== event.id) {
      ctx.log.info('submission no longer current; Genesis not asked', { agent: `${tenant}/${agentId}` });
      return;
    }
    const version = (await deps.store.versions(tenant, agentId)).find((v) => v.version === certification.version);
    if (!version) throw new Error(`agent ${tenant}/${agentId} has no version ${certification.version}`);
    await deps.genesis.requestCertification({
      requestId: event.id,
      tenant,
      agentId,
      version: version.version,
      specHash: version.specHash,
      spec: version.spec,
      callbackUrl: deps.callbackUrl,
      submittedAt: certification.requestedAt.toISOString(),
    });
    ctx.log.info('certification requested from Genesis', { agent: `${tenant}/${agentId}`, version: version.version });
  });
}
