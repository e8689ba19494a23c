import { Storage, type Bucket, type StorageOptions } from '@google-cloud/storage';
import { GoogleAuth } from 'google-auth-library';
import { mapWithConcurrency } from '../core/concurrency/map-with-concurrency';
import type { ObjectGrant, ObjectStore, SignedUrl, StoredObject } from './object-store';

/**
 * A Cloud Storage bucket. Signed URLs are V4: in Cloud Functions the library signs through IAM
 * `signBlob` as the function's own service account (it holds Token Creator on itself); locally it
 * signs with the key `npm start` generates (the Storage emulator does not check signatures).
 */
export class GcsObjectStore implements ObjectStore {
  private readonly handle: Bucket;
  constructor(
    storage: Storage,
    readonly bucket: string,
  ) {
    this.handle = storage.bucket(bucket);
  }

  /** `signingKey`: only where no Google credentials exist (local runs, tests). */
  static forBucket(projectId: string, bucket: string, signingKey?: { clientEmail: string; privateKey: string }) {
    const options: StorageOptions = { projectId };
    if (signingKey)
      // Deprecated by google-auth-library in favour of explicit clients, yet the only form whose
      // getCredentials() the Storage signer accepts; local runs and tests only.
      options.authClient = new GoogleAuth({
        credentials: { client_email: signingKey.clientEmail, private_key: signingKey.privateKey },
        scopes: ['https://www.googleapis.com/auth/devstorage.read_write'],
      });
    return new GcsObjectStore(new Storage(options), bucket);
  }

  async list(prefix: string, { pageToken, max }: { pageToken?: string; max: number }) {
    const [files, next] = await this.handle.getFiles({ prefix, maxResults: max, autoPaginate: false, pageToken });
    const token = (next as { pageToken?: string } | null)?.pageToken;
    return { items: files.map(describe), ...(token ? { next: token } : {}) };
  }
  async usage(prefix: string) {
    let objects = 0;
    let bytes = 0;
    let pageToken: string | undefined;
    do {
      const page = await this.list(prefix, { max: 1000, ...(pageToken ? { pageToken } : {}) });
      objects += page.items.length;
      bytes += page.items.reduce((sum, o) => sum + o.size, 0);
      pageToken = page.next;
    } while (pageToken);
    return { objects, bytes };
  }
  async exists(path: string) {
    return (await this.handle.file(path).exists())[0];
  }
  async read(path: string) {
    return (await this.handle.file(path).download())[0];
  }
  async write(path: string, bytes: Buffer, contentType: string) {
    await this.handle.file(path).save(bytes, { contentType, resumable: false });
  }
  openRead(path: string) {
    return this.handle.file(path).createReadStream({ validation: false });
  }
  openWrite(path: string, contentType: string) {
    return this.handle.file(path).createWriteStream({ contentType, resumable: false, validation: false });
  }
  async deletePrefix(prefix: string) {
    const removed: StoredObject[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.list(prefix, { max: 1000, ...(pageToken ? { pageToken } : {}) });
      await mapWithConcurrency(page.items, 8, (o) => this.handle.file(o.path).delete({ ignoreNotFound: true }));
      removed.push(...page.items);
      pageToken = page.next;
    } while (pageToken);
    return removed;
  }
  async signedUrl(path: string, grant: ObjectGrant, expiresAt: Date): Promise<SignedUrl> {
    const file = this.handle.file(path);
    if (grant.action === 'read') {
      const [url] = await file.getSignedUrl({ version: 'v4', action: 'read', expires: expiresAt });
      return { url, method: 'GET', headers: {}, expiresAt };
    }
    // The length range is signed: Cloud Storage refuses an upload of any other size (the quota holds).
    const headers = {
      'content-type': grant.contentType,
      'x-goog-content-length-range': `${grant.bytes},${grant.bytes}`,
    };
    const [url] = await file.getSignedUrl({
      version: 'v4',
      action: 'write',
      expires: expiresAt,
      contentType: grant.contentType,
      extensionHeaders: { 'x-goog-content-length-range': headers['x-goog-content-length-range'] },
    });
    return { url, method: 'PUT', headers, expiresAt };
  }
}

function describe(file: { name: string; metadata: { size?: string | number; updated?: string } }): StoredObject {
  return {
    path: file.name,
    size: Number(file.metadata.size ?? 0),
    updatedAt: new Date(file.metadata.updated ?? 0),
  };
}
