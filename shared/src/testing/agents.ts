import type { AgentRecord } from '../agents/agent-record';
import type { AgentStore } from '../agents/agent-store';

/** An agent record as the registry holds it: deployed on lifecycle v1 unless said otherwise. */
export function agentRecord(tenant: string, id: string, overrides: Partial<AgentRecord> = {}): AgentRecord {
  const at = new Date('2026-12-01T00:00:00Z');
  return {
    tenant,
    id,
    name: id,
    specialty: 'customer-support',
    description: '',
    status: 'deployed',
    lifecycle: 1,
    latestVersion: '1.0.0',
    candidateVersion: '1.0.0',
    deployedVersion: '1.0.0',
    versionCount: 1,
    rejections: 0,
    escalated: false,
    certification: null,
    conformity: null,
    certifiedVersions: ['1.0.0'],
    upgrade: null,
    handoff: { rejections: [], escalated: false },
    origin: null,
    note: null,
    revision: 1,
    createdAt: at,
    createdBy: 'user:test',
    updatedAt: at,
    updatedBy: 'user:test',
    ...overrides,
  };
}

/** Puts agents straight into a store (no lifecycle, no events): the state a test starts from. */
export async function seedAgents(store: AgentStore, ...records: AgentRecord[]): Promise<void> {
  for (const record of records) await store.apply(record.tenant, record.id, undefined, () => ({ record, events: [] }));
}
