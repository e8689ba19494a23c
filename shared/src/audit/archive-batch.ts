import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH, verifyChain, type AuditEntry } from './audit-record';
import { CheckpointSchema, type Checkpoint } from './checkpoint';

/** How long audit records stay in Firestore (hot) before they are archived (000#14). */
export const HOT_DAYS = 30;

/**
 * A sealed batch of the chain in the audit archive: consecutive entries as newline-delimited JSON
 * (each with its seq, prevHash and hash), described by this manifest, which names the checkpoint
 * that covers it (sealed at or after its last record). Both objects are written once.
 */
export const AuditBatchSchema = z.object({
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  count: z.number().int().positive(),
  firstPrevHash: z.string().regex(/^[0-9a-f]{64}$/),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the NDJSON object, as stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  checkpoint: CheckpointSchema,
  sealedAt: z.string(),
});
export type AuditBatch = z.infer<typeof AuditBatchSchema>;

export const batchName = (b: { firstSeq: number; lastSeq: number }) =>
  `audit-batches/${String(b.firstSeq).padStart(12, '0')}-${String(b.lastSeq).padStart(12, '0')}`;

export function sealBatch(
  entries: AuditEntry[],
  checkpoint: Checkpoint,
  now: Date,
): { batch: AuditBatch; ndjson: Buffer } {
  const ndjson = Buffer.from(entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return {
    ndjson,
    batch: {
      firstSeq: entries[0]!.seq,
      lastSeq: entries.at(-1)!.seq,
      count: entries.length,
      firstPrevHash: entries[0]!.prevHash,
      lastHash: entries.at(-1)!.hash,
      sha256: createHash('sha256').update(ndjson).digest('hex'),
      bytes: ndjson.length,
      checkpoint,
      sealedAt: now.toISOString(),
    },
  };
}

/**
 * The batch's entries, once its bytes match its manifest and its records chain from
 * `firstPrevHash` to `lastHash` with every hash recomputed; throws otherwise.
 */
export function openBatch(batch: AuditBatch, ndjson: Buffer): AuditEntry[] {
  if (createHash('sha256').update(ndjson).digest('hex') !== batch.sha256)
    throw new Error(`audit batch ${batch.firstSeq}-${batch.lastSeq}: its bytes do not match its manifest`);
  const entries = ndjson
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as AuditEntry);
  const verdict = verifyChain(entries, { seq: batch.firstSeq, prevHash: batch.firstPrevHash });
  if (!verdict.ok)
    throw new Error(`audit batch ${batch.firstSeq}-${batch.lastSeq}: record ${verdict.seq}: ${verdict.reason}`);
  if (entries.length !== batch.count || entries.at(-1)?.hash !== batch.lastHash)
    throw new Error(`audit batch ${batch.firstSeq}-${batch.lastSeq}: does not end where its manifest says`);
  if (batch.checkpoint.seq === batch.lastSeq && batch.checkpoint.hash !== batch.lastHash)
    throw new Error(`audit batch ${batch.firstSeq}-${batch.lastSeq}: does not match its checkpoint`);
  return entries;
}

/** Where the chain starts in Firestore once batches were archived: after this record. */
export interface ArchivedThrough {
  seq: number;
  hash: string;
}
export const NOTHING_ARCHIVED: ArchivedThrough = { seq: 0, hash: GENESIS_HASH };
