import type { Firestore } from '@google-cloud/firestore';
import {
  AuditRecordSchema,
  chainHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditRecordInput,
} from '../audit/audit-record';
import { maskDeep } from '../logging/pii-masker';
import type { AuditLog } from '../ports/audit-log';

export const auditCollections = { entries: 'audit_log', head: 'audit_chain' } as const;

interface Pending {
  records: AuditRecordInput[];
  resolve(entries: AuditEntry[]): void;
  reject(error: unknown): void;
}

/**
 * The chain in Firestore: `audit_log/{seq}` entries and `audit_chain/head` ({seq, hash}).
 * A chain serializes its appends, so appends are group-committed: whatever arrives while one
 * transaction runs goes into the next, one head update for many records.
 */
export class FirestoreAuditLog implements AuditLog {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Firestore,
    private readonly options: { maxBatch?: number } = {},
  ) {}

  async read(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const snap = await this.db
      .collection(auditCollections.entries)
      .orderBy('__name__')
      .startAfter(entryId(afterSeq))
      .limit(limit)
      .get();
    return snap.docs.map((d) => d.data() as AuditEntry);
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const snap = await this.db.collection(auditCollections.head).doc('head').get();
    return snap.exists ? (snap.data() as { seq: number; hash: string }) : { seq: 0, hash: GENESIS_HASH };
  }

  append(records: AuditRecordInput[]): Promise<AuditEntry[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const max = this.options.maxBatch ?? 400;
        const batch: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.records.length <= max)) {
          const next = this.queue.shift()!;
          batch.push(next);
          size += next.records.length;
        }
        try {
          const entries = await this.commit(batch.flatMap((p) => p.records));
          let offset = 0;
          for (const p of batch) {
            p.resolve(entries.slice(offset, offset + p.records.length));
            offset += p.records.length;
          }
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private commit(inputs: AuditRecordInput[]): Promise<AuditEntry[]> {
    const records = inputs.map((r) => AuditRecordSchema.parse(maskDeep(r)));
    const headRef = this.db.collection(auditCollections.head).doc('head');
    return this.db.runTransaction(async (tx) => {
      const head = (await tx.get(headRef)).data() as { seq: number; hash: string } | undefined;
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const entries: AuditEntry[] = [];
      for (const record of records) {
        seq++;
        const hash = chainHash(prevHash, seq, record);
        const entry: AuditEntry = { ...record, seq, prevHash, hash };
        tx.create(this.db.collection(auditCollections.entries).doc(entryId(seq)), entry);
        entries.push(entry);
        prevHash = hash;
      }
      tx.set(headRef, { seq, hash: prevHash });
      return entries;
    });
  }
}

/** Entries are keyed by their zero-padded sequence number, so key order is chain order. */
const entryId = (seq: number) => String(seq).padStart(12, '0');

/** Reads the whole chain in order, in pages, for verification. */
export async function* readAuditChain(db: Firestore, pageSize = 500): AsyncGenerator<AuditEntry> {
  let last: string | undefined;
  for (;;) {
    let query = db.collection(auditCollections.entries).orderBy('__name__').limit(pageSize);
    if (last) query = query.startAfter(last);
    const snap = await query.get();
    for (const doc of snap.docs) yield doc.data() as AuditEntry;
    if (snap.size < pageSize) return;
    last = snap.docs[snap.docs.length - 1]!.id;
  }
}
