import { Storage, type Bucket } from '@google-cloud/storage';
import type { BlobReader } from '../blob-reader';

export class GcsBlobReader implements BlobReader {
  constructor(private readonly bucket: Bucket) {}

  static forBucket(projectId: string, bucket: string): GcsBlobReader {
    return new GcsBlobReader(new Storage({ projectId }).bucket(bucket));
  }

  async read(path: string): Promise<string> {
    const [content] = await this.bucket.file(path).download();
    return content.toString('utf8');
  }
}
