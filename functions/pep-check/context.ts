import { TtlCache, type Clock } from '@backbone/shared/core';
import { type Decision, type DecisionRequest, type PolicyEngine } from '@backbone/shared/policy';
import {
  GLOBAL_SCOPE,
  resolveHost,
  resolveMcpServer,
  trialContext,
  usageDay,
  type AllowList,
  type CallTarget,
  type McpServerRecord,
  type RegistryStore,
  type TrialState,
  type TrialStore,
} from '@backbone/shared/governance';
import { agentState, type AgentState, type AgentStore } from '@backbone/shared/agents';
import type { PepRequest } from './schema';

/** How long an instance trusts what it read: a change (allow-list, trial extension) applies within this. */
export const GOVERNANCE_CACHE_MS = 5_000;
/** A run not counted within this is answered 503 (retry), never counted after its caller gave up. */
export const RUN_COUNT_DEADLINE_MS = 10_000;

export interface GovernanceLookups {
  trials: TrialStore;
  registry: RegistryStore;
  /** The agent registry: an agent's status and certification come from it, never from the caller. */
  agents: Pick<AgentStore, 'get'>;
  clock: Clock;
}

/** The tenant whose trial and allow-list a request falls under: the resource's owner, else the caller's. */
function tenantOf(request: PepRequest): string | undefined {
  const { principal, resource } = request;
  if (resource.type === 'Agent' || resource.type === 'CustomerData') return resource.tenant;
  return principal.tenant;
}

/** What the engine saw, kept with the decision in the audit log. */
export interface ResolvedDecision extends Decision {
  context: DecisionRequest['context'];
}

/**
 * Builds the engine's context from Firestore, never from the caller (000#5, 000#53): the tenant's
 * trial and counters, whether a call target is allow-listed and whether it is production. A trial
 * tenant's `run` is decided and counted in one transaction, so concurrent runs never pass the limit.
 */
export class ContextResolver {
  private readonly trialCache: TtlCache<TrialState | undefined>;
  private readonly listCache: TtlCache<AllowList[]>;
  private readonly serverCache: TtlCache<McpServerRecord | undefined>;
  private readonly agentCache: TtlCache<AgentState>;

  constructor(private readonly deps: GovernanceLookups) {
    const now = () => deps.clock.now().getTime();
    this.trialCache = new TtlCache(GOVERNANCE_CACHE_MS, 10_000, now);
    this.listCache = new TtlCache(GOVERNANCE_CACHE_MS, 10_000, now);
    this.serverCache = new TtlCache(GOVERNANCE_CACHE_MS, 10_000, now);
    this.agentCache = new TtlCache(GOVERNANCE_CACHE_MS, 10_000, now);
  }

  async decide(engine: PolicyEngine, request: PepRequest): Promise<ResolvedDecision> {
    const now = this.deps.clock.now();
    const tenant = tenantOf(request);
    const trial = tenant ? await this.trialCache.get(tenant, () => this.deps.trials.trialOf(tenant)) : undefined;
    const target = await this.target(request, tenant);
    const agent = await this.agent(request);
    const base = toEngineRequest(request, target, agent);
    const withContext = (usage?: { actionsToday: number; spendCents: number }): DecisionRequest => ({
      ...base,
      context: {
        ...(trial && usage ? { trial: trialContext(trial, usage, now) } : {}),
        ...(request.action === 'call' ? { allowListed: target?.allowListed ?? false } : {}),
      },
    });
    const decideWith = (r: DecisionRequest): ResolvedDecision => ({
      ...engine.decide(r),
      context: r.context,
    });

    if (!trial || !tenant) return decideWith(withContext());
    const day = usageDay(now);
    const usage = await this.deps.trials.usage(tenant, day);
    if (request.action !== 'run') return decideWith(withContext(usage));
    // Everything but the day's quota first: a run denied for another reason takes no action.
    const before = decideWith(withContext({ ...usage, actionsToday: 0 }));
    if (before.decision === 'deny') return decideWith(withContext(usage));
    // Then one of the day's actions, taken atomically (one slot document per action: no hot
    // counter document); the policy decides on the count that admitted or refused it.
    const slot = await this.deps.trials.takeAction(
      tenant,
      day,
      trial.actionsPerDay,
      // Wall-clock: how long the caller waits, whatever the domain clock says.
      Date.now() + RUN_COUNT_DEADLINE_MS,
    );
    return decideWith(
      withContext({
        ...usage,
        // Taken: the actions before this one, as best known (the count read above, or the slot's).
        actionsToday: slot.taken
          ? Math.min(trial.actionsPerDay - 1, Math.max(usage.actionsToday, slot.actionsToday - 1))
          : Math.max(slot.actionsToday, trial.actionsPerDay),
      }),
    );
  }

  /** Drops what this instance remembers (tests, and after a change made here). */
  forget(): void {
    this.trialCache.clear();
    this.listCache.clear();
    this.serverCache.clear();
    this.agentCache.clear();
  }

  private async agent(request: PepRequest): Promise<AgentState | undefined> {
    const { resource } = request;
    if (resource.type !== 'Agent') return undefined;
    return this.agentCache.get(`${resource.tenant}/${resource.id}`, async () =>
      agentState(await this.deps.agents.get(resource.tenant, resource.id)),
    );
  }

  private async target(request: PepRequest, tenant: string | undefined): Promise<CallTarget | undefined> {
    const { resource } = request;
    if (resource.type !== 'McpServer' && resource.type !== 'ExternalHost') return undefined;
    const scopes = tenant ? [GLOBAL_SCOPE, tenant] : [GLOBAL_SCOPE];
    const lists = await this.listCache.get(scopes.join('|'), () => this.deps.registry.allowLists(scopes));
    if (resource.type === 'ExternalHost') return resolveHost(resource.id, lists);
    const server = await this.serverCache.get(resource.id, () => this.deps.registry.mcpServer(resource.id));
    return resolveMcpServer(resource.id, server, lists);
  }
}

/** The engine's request: caller-supplied fields only where the caller is the authority on them. */
function toEngineRequest(
  request: PepRequest,
  target: CallTarget | undefined,
  agent: AgentState | undefined,
): Omit<DecisionRequest, 'context'> {
  const { principal, resource } = request;
  const enginePrincipal =
    principal.type === 'User' ? principal : { type: 'Service' as const, id: principal.id, roles: principal.roles };
  const engineResource: DecisionRequest['resource'] =
    resource.type === 'McpServer' || resource.type === 'ExternalHost'
      ? { ...resource, production: target?.production ?? true }
      : resource.type === 'Agent'
        ? { ...resource, ...(agent ?? agentState(undefined)) }
        : resource;
  return { principal: enginePrincipal, action: request.action, resource: engineResource };
}
