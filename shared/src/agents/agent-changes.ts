import type { OutboxEntry } from '../core/events/outbox';
import { agentEvents, type AgentEventType } from './agent-events';
import type { AgentRecord } from './agent-record';
import type { AgentVersion } from './agent-spec';
import type { LifecycleDefinitions } from './lifecycle';

/** An agent event's id: its type, the agent and the revision it announces (a retried change repeats it). */
export function agentEventId(type: AgentEventType, record: AgentRecord): string {
  return `${type}:${record.tenant}~${record.id}@${record.revision}`;
}

/** The outbox entry announcing a change of an agent's lifecycle, ordered per agent. */
export function lifecycleEvent(
  source: string,
  type: Exclude<AgentEventType, 'agent.version_added'>,
  record: AgentRecord,
  change: { from: string | null; event: string; by: string; at: Date },
): OutboxEntry {
  const subject = `${record.tenant}/${record.id}`;
  return {
    topic: agentEvents.name,
    orderingKey: subject,
    event: agentEvents.event(type, {
      id: agentEventId(type, record),
      source,
      subject,
      time: change.at,
      tenant: record.tenant,
      data: {
        tenant: record.tenant,
        agentId: record.id,
        from: change.from,
        to: type === 'agent.deleted' ? 'deleted' : record.status,
        event: change.event,
        lifecycle: record.lifecycle,
        version: record.deployedVersion ?? record.candidateVersion,
        by: change.by,
        ...(record.note?.reason ? { reason: record.note.reason } : {}),
        ...(record.upgrade ? { upgrade: { from: record.upgrade.from, to: record.upgrade.to } } : {}),
      },
    }),
  };
}

/** The agent after a change by `by` at `at`: its next revision. */
export function revised(agent: AgentRecord, changes: Partial<AgentRecord>, by: string, at: Date): AgentRecord {
  return { ...agent, ...changes, revision: agent.revision + 1, updatedAt: at, updatedBy: by };
}

/** A change to apply: the record and the lifecycle event that announces it, from the agent's status before. */
export function announced(
  source: string,
  type: Exclude<AgentEventType, 'agent.version_added'>,
  record: AgentRecord,
  change: { from: string | null; event: string; by: string; at: Date },
): { record: AgentRecord; events: OutboxEntry[] } {
  return { record, events: [lifecycleEvent(source, type, record, change)] };
}

/** The outbox entry announcing a new version. */
export function versionAddedEvent(source: string, record: AgentRecord, version: AgentVersion, at: Date): OutboxEntry {
  const subject = `${record.tenant}/${record.id}`;
  return {
    topic: agentEvents.name,
    orderingKey: subject,
    event: agentEvents.event('agent.version_added', {
      id: `agent.version_added:${record.tenant}~${record.id}@${version.version}`,
      source,
      subject,
      time: at,
      tenant: record.tenant,
      data: {
        tenant: record.tenant,
        agentId: record.id,
        version: version.version,
        specHash: version.specHash,
        by: version.author,
      },
    }),
  };
}

/** A new agent's record, on the current lifecycle definition's initial status. */
export function newAgentRecord(
  lifecycles: Pick<LifecycleDefinitions, 'initial'>,
  input: Pick<AgentRecord, 'tenant' | 'id' | 'name' | 'specialty' | 'description'>,
  version: AgentVersion | undefined,
  by: string,
  at: Date,
): AgentRecord {
  const { lifecycle, status } = lifecycles.initial;
  return {
    ...input,
    status,
    lifecycle,
    latestVersion: version?.version ?? null,
    candidateVersion: null,
    deployedVersion: null,
    versionCount: version ? 1 : 0,
    rejections: 0,
    escalated: false,
    certification: null,
    conformity: null,
    certifiedVersions: [],
    upgrade: null,
    handoff: { rejections: [], escalated: false },
    origin: null,
    note: null,
    revision: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}
