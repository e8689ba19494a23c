import type { Clock } from '@backbone/shared/core';
import { NotFoundError } from '@backbone/shared/core';
import type { AgentRecord, AgentSpec, AgentStore } from '@backbone/shared/agents';
import { GLOBAL_SCOPE, resolveMcpServer, type McpServerRecord, type RegistryStore } from '@backbone/shared/governance';

/** Whether an MCP server answers at all (any HTTP answer counts; a refused connection or a timeout does not). */
export interface McpProbe {
  reachable(url: string): Promise<boolean>;
}

export interface ReadinessFailure {
  check: 'credential_expired' | 'rate_limit_unknown' | 'mcp_not_allowed' | 'mcp_unreachable';
  subject: string;
  message: string;
}

/**
 * Go-live readiness (000#28): every integration's credential unexpired and its rate limit known;
 * every MCP server the spec uses registered, on the tenant's (or the global) allow-list, and
 * reachable. Deployment is refused with the whole list; `GET .../readiness` shows it beforehand.
 */
export async function goLiveFailures(
  deps: { registry: Pick<RegistryStore, 'allowLists' | 'mcpServer'>; probe: McpProbe; clock: Clock },
  tenant: string,
  spec: AgentSpec,
): Promise<ReadinessFailure[]> {
  const now = deps.clock.now().getTime();
  const failures: ReadinessFailure[] = [];
  for (const integration of spec.integrations) {
    if (integration.credentialExpiresAt && Date.parse(integration.credentialExpiresAt) <= now)
      failures.push({
        check: 'credential_expired',
        subject: integration.name,
        message: `the ${integration.name} credential expired at ${integration.credentialExpiresAt}`,
      });
    if (integration.rateLimitPerMinute === undefined)
      failures.push({
        check: 'rate_limit_unknown',
        subject: integration.name,
        message: `the ${integration.name} rate limit is not stated (rateLimitPerMinute)`,
      });
  }
  const lists = await deps.registry.allowLists([GLOBAL_SCOPE, tenant]);
  const servers = await Promise.all(
    spec.mcpServers.map(async (id) => [id, await deps.registry.mcpServer(id)] as const),
  );
  await Promise.all(
    servers.map(async ([id, server]: readonly [string, McpServerRecord | undefined]) => {
      if (!resolveMcpServer(id, server, lists).allowListed)
        failures.push({
          check: 'mcp_not_allowed',
          subject: id,
          message: server ? `MCP server ${id} is not on ${tenant}'s allow-list` : `MCP server ${id} is not registered`,
        });
      else if (!(await deps.probe.reachable(server!.url)))
        failures.push({ check: 'mcp_unreachable', subject: id, message: `MCP server ${id} did not answer` });
    }),
  );
  return failures.sort((a, b) => a.check.localeCompare(b.check) || a.subject.localeCompare(b.subject));
}

/** The go-live failures of one of an agent's versions (the one awaiting deployment, or an upgrade's target). */
export async function versionFailures(
  deps: {
    store: Pick<AgentStore, 'versions'>;
    registry: Pick<RegistryStore, 'allowLists' | 'mcpServer'>;
    probe: McpProbe;
    clock: Clock;
  },
  agent: AgentRecord,
  version: string | null,
): Promise<ReadinessFailure[]> {
  const found = (await deps.store.versions(agent.tenant, agent.id)).find((v) => v.version === version);
  if (!found) throw new NotFoundError(`No version ${version} of agent ${agent.id}.`);
  return goLiveFailures(deps, agent.tenant, found.spec);
}
