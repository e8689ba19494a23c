import { maskDeep } from '../core/logging/pii-masker';
import {
  AuditRecordSchema,
  chainHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditRecord,
  type AuditRecordInput,
} from './audit-record';
import type { AuditIntent, AuditLog } from './audit-log';

/** The chain in memory, integrated at once: appends and settled intents are chained as they arrive. */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  /** Intents begun and not settled (a crash between the change and its outcome leaves one here). */
  readonly pending: AuditRecord[] = [];
  async append(inputs: AuditRecordInput[]): Promise<void> {
    for (const input of inputs) this.chain(AuditRecordSchema.parse(maskDeep(input)));
  }
  async begin(input: AuditRecordInput): Promise<AuditIntent> {
    const record = AuditRecordSchema.parse(maskDeep(input));
    this.pending.push(record);
    return {
      settle: async (outcome, details = {}) => {
        this.pending.splice(this.pending.indexOf(record), 1);
        this.chain(
          AuditRecordSchema.parse(maskDeep({ ...record, outcome, details: { ...record.details, ...details } })),
        );
      },
    };
  }
  private chain(record: AuditRecord): void {
    const seq = this.entries.length + 1;
    const prevHash = this.entries.at(-1)?.hash ?? GENESIS_HASH;
    this.entries.push({ ...record, seq, prevHash, hash: chainHash(prevHash, seq, record) });
  }
  async read(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.seq > afterSeq).slice(0, limit);
  }
  async head(): Promise<{ seq: number; hash: string }> {
    const last = this.entries.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}
