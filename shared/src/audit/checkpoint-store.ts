import type { Checkpoint } from './checkpoint';

/** Where audit checkpoints are kept: write-once objects (`exists` when that seq was sealed already). */
export interface CheckpointStore {
  write(checkpoint: Checkpoint): Promise<'written' | 'exists'>;
  /** The newest checkpoint, if any. */
  latest(): Promise<Checkpoint | undefined>;
  list(): Promise<Checkpoint[]>;
}
