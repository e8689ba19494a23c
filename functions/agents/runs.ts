import { callerId, NotFoundError, type Caller } from '@backbone/shared/core';
import {
  advanceUpgrade,
  AgentStateError,
  applyAndPublish,
  announced,
  revised,
  RUN_LEASE_MS,
  suspendOnTrigger,
  type RunOutcome,
} from '@backbone/shared/agents';
import { agentResource } from './agent-resource';
import { versionFailures } from './readiness';
import type { AgentRegistryDeps } from './service';

/** The error-rate suspension trigger (000#55): the window, the fewest runs it judges, the failure share. */
export const ERROR_RATE = { windowMs: 3_600_000, minRuns: 20, threshold: 0.1 };

/**
 * The agent runtime's runs and the upgrades that wait for them (000#15): runs are leased and pinned
 * to a version; an upgrade drains the old version's runs before it switches.
 */
export class AgentRuns {
  constructor(private readonly deps: AgentRegistryDeps) {}

  /**
   * Starts an upgrade of a deployed agent to a certified version (000#15): new runs wait while the
   * runs on the current version drain, then the version switches (advanceUpgrade, also driven by
   * run ends and the agent-upgrades sweep). Go-live readiness is checked on the target first.
   */
  async startUpgrade(caller: Caller, tenant: string, id: string, version: string) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'deploy', agentResource(tenant, id, current), async () => {
      if (!current) throw new NotFoundError(`No agent ${id} in ${tenant}.`);
      if (current.status !== 'deployed' || current.upgrade || current.deployedVersion === version)
        throw new AgentStateError(
          current.upgrade
            ? `Agent ${id} is already upgrading to ${current.upgrade.to}.`
            : `Agent ${id} is ${current.status} on ${current.deployedVersion}: only a deployed agent upgrades, to another version.`,
          { agentStatus: current.status },
        );
      if (!current.certifiedVersions.includes(version))
        throw new AgentStateError(
          `Version ${version} of agent ${id} is not certified: request its certification first.`,
          {
            agentStatus: current.status,
            certifiedVersions: current.certifiedVersions,
          },
        );
      const failures = await versionFailures(this.deps, current, version);
      if (failures.length > 0)
        throw new AgentStateError(`Version ${version} of agent ${id} is not ready to go live.`, {
          agentStatus: current.status,
          failures,
        });
      const at = this.deps.clock.now();
      const by = callerId(caller);
      await applyAndPublish(this.deps, tenant, id, undefined, (agent) => {
        if (!agent || agent.status !== 'deployed' || agent.upgrade)
          throw new AgentStateError(`Agent ${id} changed meanwhile; try again.`, { agentStatus: agent?.status });
        const upgrade = { from: agent.deployedVersion!, to: version, step: 'draining' as const, startedAt: at, by };
        const record = revised(agent, { upgrade }, by, at);
        return announced(this.deps.source, 'agent.upgrade_started', record, {
          from: agent.status,
          event: 'upgrade',
          by,
          at,
        });
      });
      const progress = await advanceUpgrade(this.deps, tenant, id);
      return {
        result: { progress, agent: (await this.deps.store.get(tenant, id))! },
        details: { agent: id, from: current.deployedVersion, to: version },
      };
    });
  }

  /**
   * The agent runtime registers a run (000#15): decided by policy as the agent's `run` (only a
   * deployed agent runs), refused while an upgrade drains, and pinned to the deployed version for
   * its whole life; registering the same run id again renews its lease and keeps its version.
   */
  async registerRun(caller: Caller, tenant: string, id: string, runId: string) {
    const current = await this.deps.store.get(tenant, id);
    return this.deps.gate.run(caller, 'run', agentResource(tenant, id, current), async () => {
      const run = await this.deps.store.registerRun(tenant, id, runId, this.deps.clock.now(), RUN_LEASE_MS, (agent) => {
        if (!agent || agent.status !== 'deployed' || !agent.deployedVersion)
          throw new AgentStateError(`Agent ${id} is not deployed.`, { agentStatus: agent?.status ?? 'unknown' });
        if (agent.upgrade?.step === 'draining')
          throw new AgentStateError(
            `Agent ${id} is upgrading to ${agent.upgrade.to}: new runs wait until it switches.`,
            {
              agentStatus: agent.status,
              retryAfterSeconds: 5,
            },
          );
        return agent.deployedVersion;
      });
      return { result: run, details: { agent: id, run: runId, version: run.version } };
    });
  }

  async heartbeat(tenant: string, id: string, runId: string) {
    const run = await this.deps.store.heartbeat(tenant, id, runId, this.deps.clock.now(), RUN_LEASE_MS);
    if (!run) throw new AgentStateError(`Run ${runId} has no live lease: stop it.`, { run: runId });
    return run;
  }

  /**
   * A run ended: its lease goes, a failure counts towards the error-rate trigger (000#55), and an
   * upgrade waiting for the run moves on.
   */
  async finishRun(tenant: string, id: string, runId: string, outcome: RunOutcome): Promise<void> {
    const at = this.deps.clock.now();
    if (!(await this.deps.store.finishRun(tenant, id, runId, outcome, at)))
      throw new NotFoundError(`No running run ${runId} of agent ${id}.`);
    if (outcome === 'failed') await this.suspendOnErrorRate(tenant, id, at);
    await advanceUpgrade(this.deps, tenant, id);
  }

  /**
   * The error-rate trigger (000#55): more than 10% of the runs that ended in the last hour failed,
   * over at least 20 runs, suspends a deployed agent; the suspension names its trigger and figures
   * and is audited. Checked when a run fails, so a healthy agent costs nothing.
   */
  private async suspendOnErrorRate(tenant: string, id: string, at: Date): Promise<void> {
    const { ended, failed } = await this.deps.store.runOutcomes(
      tenant,
      id,
      new Date(at.getTime() - ERROR_RATE.windowMs),
    );
    if (ended < ERROR_RATE.minRuns || failed / ended <= ERROR_RATE.threshold) return;
    const reason = `${failed} of ${ended} runs failed in the last hour (${Math.round((100 * failed) / ended)}%)`;
    await suspendOnTrigger(this.deps, tenant, id, 'error_rate', reason, { ended, failed });
  }
}
