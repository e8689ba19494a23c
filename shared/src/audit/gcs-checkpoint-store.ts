import { Storage, type Bucket } from '@google-cloud/storage';
import { CheckpointSchema, type Checkpoint } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import { GcsBlobWriter } from '../gcp/gcs-blob-writer';

const PREFIX = 'audit-checkpoints/';
const nameOf = (seq: number) => `${PREFIX}${String(seq).padStart(12, '0')}.json`;

/**
 * Checkpoints as `audit-checkpoints/{seq}.json` in the audit archive bucket, created with
 * `ifGenerationMatch: 0` so a checkpoint is never overwritten (and the bucket's retention policy,
 * locked in prod, keeps it from being deleted for seven years).
 */
export class GcsCheckpointStore implements CheckpointStore {
  constructor(private readonly bucket: Bucket) {}

  static forBucket(projectId: string, bucket: string): GcsCheckpointStore {
    return new GcsCheckpointStore(new Storage({ projectId }).bucket(bucket));
  }

  async write(checkpoint: Checkpoint): Promise<'written' | 'exists'> {
    return new GcsBlobWriter(this.bucket).writeOnce(
      nameOf(checkpoint.seq),
      JSON.stringify(checkpoint),
      'application/json',
    );
  }

  async latest(): Promise<Checkpoint | undefined> {
    const [files] = await this.bucket.getFiles({ prefix: PREFIX });
    const last = files
      .map((f) => f.name)
      .sort()
      .at(-1);
    return last ? this.read(last) : undefined;
  }

  async list(): Promise<Checkpoint[]> {
    const [files] = await this.bucket.getFiles({ prefix: PREFIX });
    return Promise.all(
      files
        .map((f) => f.name)
        .sort()
        .map((name) => this.read(name)),
    );
  }

  private async read(name: string): Promise<Checkpoint> {
    const [content] = await this.bucket.file(name).download();
    return CheckpointSchema.parse(JSON.parse(content.toString('utf8')));
  }
}
