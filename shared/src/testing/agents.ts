import { newAgentRecord } from '../agents/agent-changes';
import type { AgentRecord } from '../agents/agent-record';
import type { AgentStore } from '../agents/agent-store';

/** An agent record as the registry holds it: deployed on lifecycle v1 unless said otherwise. */
export function agentRecord(tenant: string, id: string, overrides: Partial<AgentRecord> = {}): AgentRecord {
  const created = newAgentRecord(
    { initial: { lifecycle: 1, status: 'deployed' } },
    { tenant, id, name: id, specialty: 'customer-support', description: '' },
    undefined,
    'user:test',
    new Date('2026-12-01T00:00:00Z'),
  );
  const deployed = { latestVersion: '1.0.0', candidateVersion: '1.0.0', deployedVersion: '1.0.0' };
  return { ...created, ...deployed, versionCount: 1, certifiedVersions: ['1.0.0'], ...overrides };
}

/** Puts agents straight into a store (no lifecycle, no events): the state a test starts from. */
export async function seedAgents(store: AgentStore, ...records: AgentRecord[]): Promise<void> {
  for (const record of records) await store.apply(record.tenant, record.id, undefined, () => ({ record, events: [] }));
}
