import type { AuditEntry, AuditRecordInput } from './audit-record';

/**
 * The append-only, hash-chained audit log (000#14, 000#21, 004§1.2). Records are PII-masked
 * before they are stored. Appending is an independent write that resolves once the record is
 * durable; the sequencer integrates it into the chain within its bound (see audit-sequencer).
 */
export interface AuditLog {
  append(records: AuditRecordInput[]): Promise<void>;
  /**
   * Records an intent before a change: a crash between the change and its outcome can never
   * leave the change unaudited. An intent never settled is integrated with outcome `unknown`.
   */
  begin(record: AuditRecordInput): Promise<AuditIntent>;
  /** Up to `limit` integrated entries after `afterSeq`, in chain order. */
  read(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The chain's last integrated record: what a checkpoint seals. */
  head(): Promise<{ seq: number; hash: string }>;
}

export interface AuditIntent {
  /** The outcome and what was done, merged into the intent's details. */
  settle(outcome: string, details?: Record<string, unknown>): Promise<void>;
}

/** The outcome the sequencer gives an intent whose caller never settled it. */
export const UNSETTLED_OUTCOME = 'unknown';
