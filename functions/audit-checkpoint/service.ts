import { ConflictError, type Clock, type Logger } from '@backbone/shared/core';
import { type AuditLog, type CheckpointStore } from '@backbone/shared/audit';

export interface CheckpointDeps {
  audit: AuditLog;
  checkpoints: CheckpointStore;
  clock: Clock;
  source: string;
}

export type CheckpointOutcome =
  { status: 'empty' } | { status: 'written' | 'exists'; seq: number; hash: string; previous: number | null };

/**
 * Seals the current head. First the previous checkpoint is checked against the chain: if the
 * record it sealed changed or vanished, the chain was rewritten, and no new checkpoint may bless it.
 */
export async function sealHead(deps: CheckpointDeps, log: Logger): Promise<CheckpointOutcome> {
  const head = await deps.audit.head();
  if (head.seq === 0) return { status: 'empty' };
  const previous = await deps.checkpoints.latest();
  if (previous) {
    const [sealed] = await deps.audit.read(previous.seq - 1, 1);
    if (!sealed || sealed.seq !== previous.seq || sealed.hash !== previous.hash) {
      log.error('audit chain diverges from its last checkpoint', {
        checkpointSeq: previous.seq,
        found: sealed ? { seq: sealed.seq } : null,
      });
      throw new ConflictError(
        `The audit chain no longer matches checkpoint ${previous.seq}: it was changed after it was sealed.`,
      );
    }
  }
  const status = await deps.checkpoints.write({
    seq: head.seq,
    hash: head.hash,
    at: deps.clock.now().toISOString(),
    source: deps.source,
  });
  return { status, seq: head.seq, hash: head.hash, previous: previous?.seq ?? null };
}
