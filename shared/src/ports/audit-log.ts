import type { AuditEntry, AuditRecordInput } from '../audit/audit-record';

/**
 * The append-only, hash-chained audit log (000#14, 000#21, 004§1.2). Records are PII-masked
 * before they are hashed and stored. `append` resolves once the record is durable.
 */
export interface AuditLog {
  append(records: AuditRecordInput[]): Promise<AuditEntry[]>;
  /** Up to `limit` entries after `afterSeq`, in chain order. */
  read(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The chain's last record: what a checkpoint seals. */
  head(): Promise<{ seq: number; hash: string }>;
}
