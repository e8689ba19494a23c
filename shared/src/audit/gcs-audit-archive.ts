import { Storage, type Bucket } from '@google-cloud/storage';
import { AuditBatchSchema, batchName, type AuditBatch } from './archive-batch';
import type { AuditArchive } from './audit-archive';
import { GcsBlobWriter } from '../gcp/gcs-blob-writer';

/**
 * `audit-batches/{first}-{last}.ndjson` and `.json` in the audit archive bucket, created with
 * `ifGenerationMatch: 0`: the bucket's lifecycle moves them to Nearline at 30 days and Coldline at
 * 180, and its retention policy (locked in prod) keeps them 7 years.
 */
export class GcsAuditArchive implements AuditArchive {
  constructor(private readonly bucket: Bucket) {}

  static forBucket(projectId: string, bucket: string): GcsAuditArchive {
    return new GcsAuditArchive(new Storage({ projectId }).bucket(bucket));
  }

  async seal(batch: AuditBatch, ndjson: Buffer) {
    const writer = new GcsBlobWriter(this.bucket);
    // The records first, then the manifest that vouches for them: a manifest never names missing bytes.
    await writer.writeOnce(`${batchName(batch)}.ndjson`, ndjson.toString('utf8'), 'application/x-ndjson');
    const status = await writer.writeOnce(`${batchName(batch)}.json`, JSON.stringify(batch), 'application/json');
    if (status === 'written') return { status, batch };
    return { status, batch: await this.manifest(`${batchName(batch)}.json`) };
  }

  async batches() {
    const [files] = await this.bucket.getFiles({ prefix: 'audit-batches/' });
    const manifests = files
      .map((f) => f.name)
      .filter((n) => n.endsWith('.json'))
      .sort();
    return Promise.all(manifests.map((name) => this.manifest(name)));
  }

  async read(batch: AuditBatch) {
    return (await this.bucket.file(`${batchName(batch)}.ndjson`).download())[0];
  }

  private async manifest(name: string) {
    const [content] = await this.bucket.file(name).download();
    return AuditBatchSchema.parse(JSON.parse(content.toString('utf8')));
  }
}
