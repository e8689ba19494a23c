import {
  callerId,
  ConflictError,
  NotFoundError,
  type Caller,
  type Clock,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import {
  agentEventId,
  applyAndPublish,
  lifecycleEvent,
  announced,
  revised,
  newAgentRecord,
  versionAddedEvent,
  AgentStateError,
  compareSemver,
  MAX_VERSIONS,
  specHash,
  type AgentFilter,
  type AgentPlan,
  type AgentRecord,
  type AgentStore,
  type AgentVersion,
  type AgentVersionInput,
  type LifecycleDefinitions,
  type LifecycleEvent,
} from '@backbone/shared/agents';
import { type Gatekeeper } from '@backbone/shared/policy';
import type { AgentFile } from './agent-file';
import { applyLifecycle, statusEvents, UPGRADABLE } from './lifecycle-change';
import { type AuditLog } from '@backbone/shared/audit';
import { versionFailures, type McpProbe, type ReadinessFailure } from './readiness';
import { agentResource } from './agent-resource';
import { type RegistryStore } from '@backbone/shared/governance';
import type { AgentCreate, LifecycleRequest } from './schema';

export interface AgentRegistryDeps {
  store: AgentStore;
  audit: AuditLog;
  /** The MCP registry and allow-lists, for go-live readiness. */
  registry: Pick<RegistryStore, 'allowLists' | 'mcpServer'>;
  probe: McpProbe;
  gate: Gatekeeper;
  lifecycles: LifecycleDefinitions;
  publisher: EventPublisher;
  clock: Clock;
  source: string;
  logger: Logger;
}

type PolicyAction = Parameters<Gatekeeper['run']>[1];

/** The handoff retry policy (000#20): refusals within the window before it escalates. */
export const HANDOFF = { maxRejections: 3, windowMs: 7 * 86_400_000 };

/** Which policy action each lifecycle event is (004§1.3: deploying and ending an agent are the tenant admin's). */
const ACTION_OF: Record<LifecycleEvent, PolicyAction> = {
  submit: 'update',
  certify: 'approve',
  reject: 'approve',
  override: 'override',
  block: 'override',
  deploy: 'deploy',
  suspend: 'suspend',
  reinstate: 'suspend',
  retire: 'delete',
};

/**
 * Statuses an agent may be deleted from: never while it is live or in review (retire it first), nor
 * once blocked or escalated (the record of the Governor's decision stays).
 */
const DELETABLE = new Set(['draft', 'rejected', 'retired']);

export type ImportOutcome = {
  file: string;
  agentId: string;
  version: string;
  outcome: 'created' | 'version_added' | 'unchanged';
};

/**
 * The agent registry (004§2.1): every read and change is decided by the Cedar policies for the
 * caller and audited (004§1.3); lifecycle changes follow the agent's own definition version
 * (000#56); every change is announced on `agent-events`, ordered per agent, through an outbox
 * written in the change's transaction.
 */
export class AgentRegistry {
  constructor(private readonly deps: AgentRegistryDeps) {}

  async list(caller: Caller, tenant: string, filter: AgentFilter, page: { after?: string; limit: number }) {
    return this.deps.gate.run(caller, 'view', this.resource(tenant, '*', undefined), async () => ({
      result: await this.deps.store.list(tenant, filter, page),
    }));
  }

  async read(caller: Caller, tenant: string, id: string) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'view', this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      const versions = (await this.deps.store.versions(tenant, id)).sort((a, b) => compareSemver(a.version, b.version));
      return { result: { agent: current, versions } };
    });
  }

  async version(caller: Caller, tenant: string, id: string, version: string) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'view', this.resource(tenant, id, current), async () => {
      const found = current && (await this.deps.store.versions(tenant, id)).find((v) => v.version === version);
      if (!found) throw new NotFoundError(`No version ${version} of agent ${id} in ${tenant}.`);
      return { result: found };
    });
  }

  async create(caller: Caller, tenant: string, input: AgentCreate): Promise<AgentRecord> {
    return this.deps.gate.run(caller, 'create', this.resource(tenant, input.id, undefined), async () => {
      const at = this.deps.clock.now();
      const by = callerId(caller);
      const version = input.version ? this.newVersion(input.version, by, at) : undefined;
      const record = await this.change(tenant, input.id, undefined, (current) => {
        if (current) throw new ConflictError(`Agent ${input.id} already exists in ${tenant}.`);
        const created = newAgentRecord(this.deps.lifecycles, { tenant, ...input }, version, by, at);
        const events = [
          lifecycleEvent(this.deps.source, 'agent.created', created, { from: null, event: 'create', by, at }),
        ];
        if (version) events.push(versionAddedEvent(this.deps.source, created, version, at));
        return { record: created, ...(version ? { newVersion: version } : {}), events };
      });
      return {
        result: record!,
        details: { agent: input.id, specialty: input.specialty, version: input.version?.version ?? null },
      };
    });
  }

  /** Adds an immutable version: the same content again is a no-op, other content under a taken version a 409. */
  async addVersion(caller: Caller, tenant: string, id: string, input: AgentVersionInput) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'update', this.resource(tenant, id, current), async () => {
      const at = this.deps.clock.now();
      const by = callerId(caller);
      const version = this.newVersion(input, by, at);
      let added = false;
      const record = await this.change(tenant, id, input.version, (agent, existing) => {
        if (!agent) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
        const change = this.versionChange(agent, existing, version, by, at);
        added = change !== null;
        return change;
      });
      return {
        result: { agent: record!, added },
        details: { agent: id, version: input.version, specHash: version.specHash, added },
      };
    });
  }

  async transition(caller: Caller, tenant: string, id: string, request: LifecycleRequest): Promise<AgentRecord> {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, ACTION_OF[request.event], this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      if (request.event === 'deploy' && current.status === 'certified') {
        if (current.handoff.escalated)
          throw new AgentStateError(
            `Agent ${id}'s handoff was refused ${HANDOFF.maxRejections} times within 7 days and escalated to the platform admins.`,
            { agentStatus: current.status, escalated: true },
          );
        // Go-live readiness (000#28), checked before the change: nothing deploys with a failing check.
        const failures = await this.failures(current);
        if (failures.length > 0) {
          const handoff = await this.refuseHandoff(tenant, id, callerId(caller));
          throw new AgentStateError(
            `Agent ${id} is not ready to go live: ${failures.map((f) => f.message).join('; ')}.`,
            {
              agentStatus: current.status,
              failures,
              handoffRejections: handoff.rejections.length,
              escalated: handoff.escalated,
            },
          );
        }
      }
      const at = this.deps.clock.now();
      const by = callerId(caller);
      let from = '';
      const record = await this.change(
        tenant,
        id,
        request.event === 'submit' ? request.version : undefined,
        (agent, version) => {
          if (!agent) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
          from = agent.status;
          const next = applyLifecycle(this.deps.lifecycles, agent, request, version, by, at);
          return { record: next, events: statusEvents(this.deps.source, agent, next, request.event, by, at) };
        },
      );
      return {
        result: record!,
        details: {
          agent: id,
          event: request.event,
          from,
          to: record!.status,
          version: record!.candidateVersion,
          ...reasonOf(request),
        },
      };
    });
  }

  /**
   * Sends a live agent's next version to Genesis (000#15): the agent keeps running its deployed
   * version; a certified answer makes the version one it may be upgraded to.
   */
  async requestCertification(caller: Caller, tenant: string, id: string, version: string): Promise<AgentRecord> {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'update', this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      const at = this.deps.clock.now();
      const by = callerId(caller);
      const record = await this.change(tenant, id, version, (agent, found) => {
        if (!agent || !found) throw new NotFoundError(`No version ${version} of agent ${id}.`);
        if (!UPGRADABLE.has(agent.status))
          throw new AgentStateError(`Agent ${id} is ${agent.status}: submit it through its lifecycle instead.`, {
            agentStatus: agent.status,
          });
        if (agent.certifiedVersions.includes(version) || agent.deployedVersion === version)
          throw new AgentStateError(`Version ${version} of agent ${id} is certified already.`, {
            agentStatus: agent.status,
          });
        const next = revised(agent, {}, by, at);
        const certification = {
          requestId: agentEventId('agent.certification_requested', next),
          version,
          requestedAt: at,
          stage: 'requested',
          percent: 0,
          callbacks: [],
        };
        const record = { ...next, candidateVersion: agent.candidateVersion, certification };
        const change = { from: agent.status, event: 'request_certification', by, at };
        return announced(this.deps.source, 'agent.certification_requested', record, change);
      });
      return { result: record!, details: { agent: id, version } };
    });
  }

  /**
   * A refused handoff (000#20): a deployment attempt the go-live checks refused. The refusals of
   * the last 7 days are kept; the third escalates to the platform admins (`agent.handoff_escalated`)
   * and stops further attempts until one of them clears it.
   */
  private async refuseHandoff(tenant: string, id: string, by: string) {
    const at = this.deps.clock.now();
    const record = await this.change(tenant, id, undefined, (agent) => {
      if (!agent) return null;
      const recent = agent.handoff.rejections.filter((r) => r.getTime() > at.getTime() - HANDOFF.windowMs);
      const rejections = [...recent, at];
      const escalated = rejections.length >= HANDOFF.maxRejections;
      const next = revised(agent, { handoff: { rejections, escalated } }, by, at);
      const change = { from: agent.status, event: 'escalate_handoff', by, at };
      return escalated
        ? announced(this.deps.source, 'agent.handoff_escalated', next, change)
        : { record: next, events: [] };
    });
    return record?.handoff ?? { rejections: [], escalated: false };
  }

  /** A platform admin takes an escalated handoff back (000#20): its refusals are forgotten, and the tenant may try again. */
  async clearHandoffEscalation(caller: Caller, tenant: string, id: string, reason: string): Promise<AgentRecord> {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'suspend', this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      const at = this.deps.clock.now();
      const record = await this.change(tenant, id, undefined, (agent) => {
        if (!agent?.handoff.escalated)
          throw new AgentStateError(`Agent ${id}'s handoff is not escalated.`, {
            agentStatus: agent?.status ?? 'unknown',
          });
        return {
          record: revised(agent, { handoff: { rejections: [], escalated: false } }, callerId(caller), at),
          events: [],
        };
      });
      return { result: record!, details: { agent: id, reason } };
    });
  }

  /** Whether the version awaiting deployment would pass go-live now, and what fails (000#28). */
  async readiness(caller: Caller, tenant: string, id: string) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'view', this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      const version = current.candidateVersion ?? current.latestVersion;
      const failures = version ? await this.failures(current, version) : [];
      return { result: { version, ready: version !== null && failures.length === 0, failures } };
    });
  }

  private failures(agent: AgentRecord, version = agent.candidateVersion): Promise<ReadinessFailure[]> {
    return versionFailures(this.deps, agent, version);
  }

  async remove(caller: Caller, tenant: string, id: string): Promise<void> {
    const current = await this.deps.store.get(tenant, id);
    await this.deps.gate.run(caller, 'delete', this.resource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      const at = this.deps.clock.now();
      const by = callerId(caller);
      let removed: AgentRecord | undefined;
      await this.change(tenant, id, undefined, (agent) => {
        if (!agent) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
        if (!DELETABLE.has(agent.status) || agent.escalated)
          throw new AgentStateError(`Agent ${id} is ${agent.status}: retire it before deleting it.`, {
            agentStatus: agent.status,
          });
        removed = agent;
        return {
          record: null,
          events: [
            lifecycleEvent(
              this.deps.source,
              'agent.deleted',
              { ...agent, revision: agent.revision + 1 },
              {
                from: agent.status,
                event: 'delete',
                by,
                at,
              },
            ),
          ],
        };
      });
      return { result: undefined, details: { agent: id, status: removed?.status, versions: removed?.versionCount } };
    });
  }

  /**
   * Imports YAML agent files (004§2.1): each creates its agent or adds its version; a file already
   * imported (same version, same content hash) changes nothing, so an import can be run again.
   */
  async import(caller: Caller, tenant: string, files: { name: string; agent: AgentFile }[]): Promise<ImportOutcome[]> {
    return this.deps.gate.run(caller, 'create', this.resource(tenant, '*', undefined), async () => {
      const at = this.deps.clock.now();
      const by = callerId(caller);
      const outcomes: ImportOutcome[] = [];
      for (const { name, agent: file } of files) {
        const { id, name: agentName, specialty, description, version, changelog, ...spec } = file;
        const newVersion = this.newVersion({ version, changelog, spec }, by, at);
        let outcome: ImportOutcome['outcome'] = 'unchanged';
        await this.change(tenant, id, version, (current, existing) => {
          if (!current) {
            outcome = 'created';
            const created = newAgentRecord(
              this.deps.lifecycles,
              { tenant, ...{ id, name: agentName, specialty, description } },
              newVersion,
              by,
              at,
            );
            return {
              record: created,
              newVersion,
              events: [
                lifecycleEvent(this.deps.source, 'agent.created', created, { from: null, event: 'import', by, at }),
                versionAddedEvent(this.deps.source, created, newVersion, at),
              ],
            };
          }
          const change = this.versionChange(current, existing, newVersion, by, at);
          outcome = change ? 'version_added' : 'unchanged';
          return change;
        });
        outcomes.push({ file: name, agentId: id, version, outcome });
      }
      return { result: outcomes, details: { files: outcomes.map((o) => `${o.agentId}@${o.version}:${o.outcome}`) } };
    });
  }

  private change(tenant: string, id: string, version: string | undefined, plan: AgentPlan) {
    return applyAndPublish(this.deps, tenant, id, version, plan);
  }

  private versionChange(
    agent: AgentRecord,
    existing: AgentVersion | undefined,
    version: AgentVersion,
    by: string,
    at: Date,
  ) {
    if (existing) {
      if (existing.specHash === version.specHash) return null;
      throw new ConflictError(
        `Version ${version.version} of agent ${agent.id} exists with other content; versions are immutable.`,
      );
    }
    if (agent.latestVersion && compareSemver(version.version, agent.latestVersion) <= 0)
      throw new ConflictError(
        `Version ${version.version} is not after ${agent.latestVersion}, the latest of agent ${agent.id}.`,
      );
    if (agent.versionCount >= MAX_VERSIONS)
      throw new ConflictError(`Agent ${agent.id} has ${MAX_VERSIONS} versions, the most it may keep.`);
    const record = revised(agent, { latestVersion: version.version, versionCount: agent.versionCount + 1 }, by, at);
    return { record, newVersion: version, events: [versionAddedEvent(this.deps.source, record, version, at)] };
  }

  private newVersion(input: AgentVersionInput, author: string, createdAt: Date): AgentVersion {
    return { ...input, specHash: specHash(input.spec), author, createdAt };
  }

  private resource(tenant: string, id: string, current: AgentRecord | undefined) {
    return agentResource(tenant, id, current);
  }
}

function reasonOf(request: LifecycleRequest): Record<string, string> {
  return {
    ...('reason' in request && request.reason ? { reason: request.reason } : {}),
    ...('trigger' in request ? { trigger: request.trigger } : {}),
  };
}
