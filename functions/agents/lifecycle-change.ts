import { NotFoundError } from '@backbone/shared/core';
import {
  agentEventId,
  AgentStateError,
  lifecycleEvent,
  revised,
  type AgentRecord,
  type AgentVersion,
  type LifecycleDefinitions,
} from '@backbone/shared/agents';
import type { LifecycleRequest } from './schema';

/** Rejections that escalate to the Platform Governor (000#17). */
export const ESCALATE_AFTER_REJECTIONS = 3;

/** Statuses in which a next version may be certified and upgraded to while the agent stays live (000#15). */
export const UPGRADABLE = new Set(['deployed', 'suspended']);

/** A version added to a list once. */
export const withVersion = (versions: string[], version: string | null) =>
  version && !versions.includes(version) ? [...versions, version] : versions;

/** Where a lifecycle event takes an agent, on the agent's own definition, with what the event carries. */
export function applyLifecycle(
  lifecycles: LifecycleDefinitions,
  agent: AgentRecord,
  request: LifecycleRequest,
  version: AgentVersion | undefined,
  by: string,
  at: Date,
): AgentRecord {
  const status = lifecycles.next(agent.lifecycle, agent.status, request.event);
  const next = revised(agent, { status }, by, at);
  const note = (reason: string | undefined, trigger?: string) =>
    reason ? { event: request.event, reason, ...(trigger ? { trigger } : {}), by, at } : null;
  const escalation = request.event === 'override' || request.event === 'block';
  if (agent.escalated !== escalation && (escalation || request.event === 'submit'))
    throw new AgentStateError(
      escalation
        ? `Agent ${agent.id} is not escalated: only after ${ESCALATE_AFTER_REJECTIONS} rejections does the Platform Governor decide.`
        : `Agent ${agent.id} was rejected ${agent.rejections} times: the Platform Governor decides (override or block).`,
      { agentStatus: agent.status, escalated: agent.escalated },
    );
  switch (request.event) {
    case 'submit':
      if (!version) throw new NotFoundError(`No version ${request.version} of agent ${agent.id}.`);
      return {
        ...next,
        candidateVersion: request.version,
        note: null,
        // Genesis is asked by agent-certification on this change's event; its id names the request.
        certification: {
          requestId: agentEventId('agent.status_changed', next),
          version: request.version,
          requestedAt: at,
          stage: 'requested',
          percent: 0,
          callbacks: [],
        },
      };
    case 'certify':
      return {
        ...next,
        certifiedVersions: withVersion(agent.certifiedVersions, agent.candidateVersion),
        note: note(request.reason),
      };
    case 'reject': {
      const rejections = agent.rejections + 1;
      return { ...next, rejections, escalated: rejections >= ESCALATE_AFTER_REJECTIONS, note: note(request.reason) };
    }
    case 'override':
      return {
        ...next,
        escalated: false,
        rejections: 0,
        certifiedVersions: withVersion(agent.certifiedVersions, agent.candidateVersion),
        note: note(request.reason),
      };
    case 'block':
      return { ...next, escalated: false, note: note(request.reason) };
    case 'deploy':
      return { ...next, deployedVersion: agent.candidateVersion, note: null };
    case 'suspend':
      return { ...next, note: note(request.reason, request.trigger) };
    case 'reinstate':
      return { ...next, note: note(request.reason) };
    case 'retire':
      return { ...next, note: note(request.reason) };
  }
}

/** A lifecycle change's announcement, and the escalation it caused if it is the third rejection. */
export function statusEvents(
  source: string,
  before: AgentRecord,
  after: AgentRecord,
  event: string,
  by: string,
  at: Date,
) {
  const change = { from: before.status, by, at };
  return [
    lifecycleEvent(source, 'agent.status_changed', after, { ...change, event }),
    ...(after.escalated && !before.escalated
      ? [lifecycleEvent(source, 'agent.escalated', after, { ...change, event: 'escalate' })]
      : []),
  ];
}
