import { createHash } from 'node:crypto';
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { ObjectGrant, ObjectStore, SignedUrl, StoredObject } from './object-store';

/** The ObjectStore contract in memory; signed URLs are `memory://` and name what they grant. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, { bytes: Buffer; contentType: string; updatedAt: Date }>();
  constructor(readonly bucket = 'memory-bucket') {}

  async list(prefix: string, { pageToken, max }: { pageToken?: string; max: number }) {
    const names = [...this.objects.keys()].filter((n) => n.startsWith(prefix) && (!pageToken || n > pageToken)).sort();
    const items = names.slice(0, max).map((n) => this.describe(n));
    return names.length > max ? { items, next: items.at(-1)!.path } : { items };
  }
  async usage(prefix: string) {
    const found = [...this.objects].filter(([n]) => n.startsWith(prefix));
    return { objects: found.length, bytes: found.reduce((sum, [, o]) => sum + o.bytes.length, 0) };
  }
  async exists(path: string) {
    return this.objects.has(path);
  }
  async read(path: string) {
    const found = this.objects.get(path);
    if (!found) throw Object.assign(new Error(`No such object: ${path}`), { code: 404 });
    return Buffer.from(found.bytes);
  }
  async write(path: string, bytes: Buffer, contentType: string) {
    this.objects.set(path, { bytes: Buffer.from(bytes), contentType, updatedAt: new Date() });
  }
  openRead(path: string) {
    const found = this.objects.get(path);
    if (!found) {
      const failed = new PassThrough();
      queueMicrotask(() => failed.destroy(Object.assign(new Error(`No such object: ${path}`), { code: 404 })));
      return failed;
    }
    // Several chunks, as a network stream would give.
    const chunks: Buffer[] = [];
    for (let i = 0; i < found.bytes.length; i += 64 * 1024) chunks.push(found.bytes.subarray(i, i + 64 * 1024));
    return Readable.from(chunks);
  }
  openWrite(path: string, contentType: string): Writable {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    sink.on('finish', () =>
      this.objects.set(path, { bytes: Buffer.concat(chunks), contentType, updatedAt: new Date() }),
    );
    return sink;
  }
  async deletePrefix(prefix: string) {
    const removed: StoredObject[] = [];
    for (const name of [...this.objects.keys()].filter((n) => n.startsWith(prefix))) {
      removed.push(this.describe(name));
      this.objects.delete(name);
    }
    return removed;
  }
  async signedUrl(path: string, grant: ObjectGrant, expiresAt: Date): Promise<SignedUrl> {
    const sig = createHash('sha256').update(`${path}\n${JSON.stringify(grant)}\n${expiresAt.toISOString()}`);
    const url = `memory://${this.bucket}/${encodeURI(path)}?expires=${expiresAt.getTime()}&sig=${sig.digest('hex').slice(0, 16)}`;
    return grant.action === 'read'
      ? { url, method: 'GET', headers: {}, expiresAt }
      : {
          url,
          method: 'PUT',
          headers: {
            'content-type': grant.contentType,
            'x-goog-content-length-range': `${grant.bytes},${grant.bytes}`,
          },
          expiresAt,
        };
  }
  private describe(name: string): StoredObject {
    const o = this.objects.get(name)!;
    return { path: name, size: o.bytes.length, updatedAt: o.updatedAt };
  }
}
