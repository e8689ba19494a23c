import { agentState, type AgentRecord } from '@backbone/shared/agents';

/** An agent as the policies see it: its tenant, and its status and certification from the registry. */
export function agentResource(tenant: string, id: string, current: AgentRecord | undefined) {
  return { type: 'Agent' as const, id, tenant, ...agentState(current) };
}
