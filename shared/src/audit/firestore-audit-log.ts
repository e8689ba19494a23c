import { type Firestore, Timestamp } from '@google-cloud/firestore';
import { GroupCommit } from '../core/concurrency/group-commit';
import {
  AuditRecordSchema,
  GENESIS_HASH,
  type AuditEntry,
  type AuditRecord,
  type AuditRecordInput,
} from './audit-record';
import type { AuditTile } from './tiles';
import { maskDeep } from '../core/logging/pii-masker';
import type { AuditIntent, AuditLog } from './audit-log';

/**
 * `audit_intake/{auto-id}`: records appended and not yet integrated (random keys: appends from
 * every instance spread over the key space and share no document). `audit_log/{firstSeq}`: the
 * chain's tiles. `audit_chain/head`: the last integrated record and the last round;
 * `audit_chain/sequencer`: the sequencer's lease. Only the sequencer writes the last two.
 */
export const auditCollections = {
  intake: 'audit_intake',
  entries: 'audit_log',
  head: 'audit_chain',
} as const;

export interface IntakeDoc {
  record: AuditRecord;
  /** `pending` until an intent's outcome is known; appended records are `settled` at once. */
  state: 'pending' | 'settled';
  receivedAt: Timestamp;
}

export interface HeadDoc {
  seq: number;
  hash: string;
  round?: { tiles: string[]; count: number; at: Timestamp; maxDelayMs: number };
}

const masked = (input: AuditRecordInput) => AuditRecordSchema.parse(maskDeep(input));

export class FirestoreAuditLog implements AuditLog {
  /**
   * Concurrent callers' records leave in one commit (each caller answered once its own are
   * durable): an instance's appends cost one RPC per round trip, not one per decision.
   */
  private readonly appends = new GroupCommit<IntakeDoc>(async (docs) => {
    const batch = this.db.batch();
    for (const doc of docs) batch.create(this.intake().doc(), doc);
    await batch.commit();
  }, 500);

  constructor(private readonly db: Firestore) {}

  private intake() {
    return this.db.collection(auditCollections.intake);
  }

  async append(records: AuditRecordInput[]): Promise<void> {
    if (records.length === 0) return;
    const receivedAt = Timestamp.now();
    // Independent creates under random keys: no transaction, no shared document.
    await this.appends.add(
      records.map((record) => ({ record: masked(record), state: 'settled', receivedAt }) satisfies IntakeDoc),
    );
  }

  async begin(input: AuditRecordInput): Promise<AuditIntent> {
    const ref = this.intake().doc();
    const record = masked(input);
    await ref.create({ record, state: 'pending', receivedAt: Timestamp.now() } satisfies IntakeDoc);
    return {
      settle: async (outcome, details = {}) => {
        const settled = masked({ ...record, outcome, details: { ...record.details, ...details } });
        try {
          await ref.update({ record: settled, state: 'settled' });
        } catch (error) {
          // Already integrated as `unknown` (the outcome came after the bound): record the
          // outcome as its own entry, naming the intent it settles.
          if ((error as { code?: number }).code !== 5) throw error;
          await this.append([{ ...settled, details: { ...settled.details, settlesIntent: ref.id } }]);
        }
      },
    };
  }

  async read(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for await (const entry of readAuditChain(this.db, {
      afterSeq,
      pageSize: Math.min(Math.ceil(limit / 64) + 1, 50),
    })) {
      out.push(entry);
      if (out.length >= limit) break;
    }
    return out;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const snap = await this.db.collection(auditCollections.head).doc('head').get();
    const head = snap.data() as HeadDoc | undefined;
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}

/** Reads the chain in order from the tiles, from `afterSeq` on, for reads and verification. */
export async function* readAuditChain(
  db: Firestore,
  options: { afterSeq?: number; pageSize?: number } = {},
): AsyncGenerator<AuditEntry> {
  const afterSeq = options.afterSeq ?? 0;
  const pageSize = options.pageSize ?? 20;
  // Tiles are few (one per round or per few hundred records): their lastSeq index is not hot.
  let query = db
    .collection(auditCollections.entries)
    .where('lastSeq', '>', afterSeq)
    .orderBy('lastSeq')
    .limit(pageSize);
  for (;;) {
    const snap = await query.get();
    for (const doc of snap.docs) {
      for (const entry of (doc.data() as AuditTile).entries) if (entry.seq > afterSeq) yield entry;
    }
    if (snap.size < pageSize) return;
    query = query.startAfter(snap.docs[snap.docs.length - 1]!.get('lastSeq'));
  }
}
