import { Storage, type Bucket } from '@google-cloud/storage';
import type { BlobWriter } from '../core/ports/blob-writer';

/** Objects created with `ifGenerationMatch: 0`: a redelivered write never replaces a version. */
export class GcsBlobWriter implements BlobWriter {
  constructor(private readonly bucket: Bucket) {}

  static forBucket(projectId: string, bucket: string): GcsBlobWriter {
    return new GcsBlobWriter(new Storage({ projectId }).bucket(bucket));
  }

  async writeOnce(path: string, content: string, contentType: string): Promise<'written' | 'exists'> {
    const file = this.bucket.file(path);
    // Existence first: cheap for a redelivery, and what the Storage emulator (no preconditions) relies on.
    if ((await file.exists())[0]) return 'exists';
    try {
      await file.save(content, { contentType, resumable: false, preconditionOpts: { ifGenerationMatch: 0 } });
      return 'written';
    } catch (error) {
      if ((error as { code?: number }).code === 412) return 'exists';
      throw error;
    }
  }
}
