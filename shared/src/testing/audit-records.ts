import type { AuditRecordInput } from '../audit/audit-record';

/** An audited change by user `u<i>`: what tests append when only the chain's shape matters. */
export function sampleAuditRecord(i: number, at: Date | string): AuditRecordInput {
  return {
    actor: { type: 'User', id: `u${i}` },
    action: 'governance.update',
    target: { type: 'Component', id: 'integrations' },
    outcome: 'allow',
    source: 'test',
    at: typeof at === 'string' ? at : at.toISOString(),
  };
}

/** `n` sample records, all made at `at`. */
export const sampleAuditRecords = (n: number, at: Date | string): AuditRecordInput[] =>
  Array.from({ length: n }, (_, i) => sampleAuditRecord(i, at));
