import { mapWithConcurrency, percentile, systemClock } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine } from '@backbone/shared/policy';
import { type AgentRecord } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { agentRecord, seedAgents } from '@backbone/shared/testing';
import { ContextResolver } from '../functions/pep-check/context';

export interface AgentPepResult {
  agents: number;
  decisions: number;
  concurrency: number;
  /**
   * withRegistry: the PEP as deployed, each agent's status and certification read from the registry
   * (cached 5 s an instance); withoutAgentState, the baseline: the same decisions with the agent's
   * state handed over in memory.
   */
  cold: { withRegistry: Timed; withoutAgentState: Timed };
  warm: { withRegistry: Timed; withoutAgentState: Timed };
  /** Registry reads in a pass (cold and warm): one per agent when the cache works. */
  registryReadsPerPass: number;
  deniedSuspended: number;
}

/**
 * `run` decisions about 1,000 agents of 10 tenants (5% of them suspended), each pass with a fresh
 * resolver (a cold instance: every agent's first decision reads the registry), against the same
 * decisions whose agent state costs nothing to look up. ABBA, so drift favours neither.
 */
export async function benchAgentPep(agents = 1000, decisions = 5000, concurrency = 50): Promise<AgentPepResult> {
  const db = createFirestore(`demo-bench-agents-${Date.now()}`);
  const store = new FirestoreAgentStore(db);
  const records: AgentRecord[] = Array.from({ length: agents }, (_, i) =>
    agentRecord(`tenant-${i % 10}`, `agent-${i}`, i % 20 === 0 ? { status: 'suspended' } : {}),
  );
  await mapWithConcurrency(records, 50, (r) => seedAgents(store, r));
  const byKey = new Map(records.map((r) => [`${r.tenant}/${r.id}`, r]));
  const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
  const requests = Array.from({ length: decisions }, (_, k) => {
    const r = records[(k * 7919) % agents]!;
    return {
      principal: { type: 'User' as const, id: `u-${r.tenant}`, portal: 'CP' as const, tenant: r.tenant, roles: [] },
      action: 'run' as const,
      resource: { type: 'Agent' as const, id: r.id, tenant: r.tenant },
    };
  });
  const trials = new FirestoreTrialStore(db);
  const registry = new FirestoreRegistryStore(db);
  let lookups = 0;
  const counted = { get: (tenant: string, id: string) => (lookups++, store.get(tenant, id)) };
  const inMemory = { get: async (tenant: string, id: string) => byKey.get(`${tenant}/${id}`) };
  const timed = async (resolver: ContextResolver) => {
    const latencies: number[] = [];
    let suspended = 0;
    const started = performance.now();
    await mapWithConcurrency(requests, concurrency, async (request) => {
      const t = performance.now();
      const decision = await resolver.decide(engine, request);
      latencies.push((performance.now() - t) * 1000);
      if (decision.reasons.includes('deny-agent-suspended')) suspended++;
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: decisions / seconds,
      p50Us: percentile(latencies, 50)!,
      p99Us: percentile(latencies, 99)!,
      suspended,
    };
  };
  // A pass: a new instance's resolver (cold: every agent's first decision reads the registry),
  // then the same decisions again at once (warm: read within the last 5 s).
  const pass = async (agentsPort: typeof counted) => {
    const resolver = new ContextResolver({ trials, registry, agents: agentsPort, clock: systemClock });
    return { cold: await timed(resolver), warm: await timed(resolver) };
  };
  await pass(inMemory); // warm-up: trial lookups, Cedar, the Firestore channel
  const a1 = await pass(counted);
  const b1 = await pass(inMemory);
  const b2 = await pass(inMemory);
  const a2 = await pass(counted);
  await db.terminate();
  const mean = (x: Timed, y: Timed) => ({
    perSecond: (x.perSecond + y.perSecond) / 2,
    p50Us: (x.p50Us + y.p50Us) / 2,
    p99Us: (x.p99Us + y.p99Us) / 2,
  });
  return {
    agents,
    decisions,
    concurrency,
    cold: { withRegistry: mean(a1.cold, a2.cold), withoutAgentState: mean(b1.cold, b2.cold) },
    warm: { withRegistry: mean(a1.warm, a2.warm), withoutAgentState: mean(b1.warm, b2.warm) },
    registryReadsPerPass: lookups / 2,
    deniedSuspended: a1.cold.suspended,
  };
}

type Timed = { perSecond: number; p50Us: number; p99Us: number };
