import { z } from 'zod';
import type { AuditEntry } from './audit-record';

/** A sealed chain head, written outside Firestore (a retention-locked bucket) so a rewritten chain shows. */
export const CheckpointSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  source: z.string(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export type CheckpointVerdict = { ok: true; checked: number } | { ok: false; seq: number; reason: string };

/**
 * Each checkpoint must still match the chain: a record with its seq and its hash. A chain whose
 * hashes were all recomputed after an edit verifies on its own, but no longer matches its checkpoints.
 */
export function verifyCheckpoints(entries: AuditEntry[], checkpoints: Checkpoint[]): CheckpointVerdict {
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    const hash = bySeq.get(checkpoint.seq);
    if (hash === undefined)
      return {
        ok: false,
        seq: checkpoint.seq,
        reason: `checkpoint ${checkpoint.seq} names a record the chain lacks`,
      };
    if (hash !== checkpoint.hash)
      return {
        ok: false,
        seq: checkpoint.seq,
        reason: `record ${checkpoint.seq} no longer has its checkpointed hash`,
      };
  }
  return { ok: true, checked: checkpoints.length };
}
