import type { Readable, Writable } from 'node:stream';

export interface StoredObject {
  /** The object's full name in its bucket. */
  path: string;
  size: number;
  updatedAt: Date;
}

/** A page of a listing; `next` continues it. */
export interface ObjectPage {
  items: StoredObject[];
  next?: string;
}

/** A V4 signed URL and what its holder must send with it. */
export interface SignedUrl {
  url: string;
  method: 'GET' | 'PUT';
  /** Headers the request must carry exactly (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/** One bucket: Cloud Storage in production, the Storage emulator locally, memory in unit tests. */
export interface ObjectStore {
  readonly bucket: string;
  list(prefix: string, options: { pageToken?: string; max: number }): Promise<ObjectPage>;
  /** The total size of the objects under a prefix. */
  usage(prefix: string): Promise<{ objects: number; bytes: number }>;
  exists(path: string): Promise<boolean>;
  read(path: string): Promise<Buffer>;
  write(path: string, bytes: Buffer, contentType: string): Promise<void>;
  openRead(path: string): Readable;
  openWrite(path: string, contentType: string): Writable;
  /** Deletes every object under the prefix; returns what was removed. */
  deletePrefix(prefix: string): Promise<StoredObject[]>;
  /**
   * A URL that lets its holder read, or write exactly `bytes` bytes of `contentType` to, one object,
   * until `expiresAt` (Cloud Storage allows at most 7 days).
   */
  signedUrl(path: string, grant: ObjectGrant, expiresAt: Date): Promise<SignedUrl>;
}

/** What a signed URL lets its holder do: read the object, or write it with this type and size. */
export type ObjectGrant = { action: 'read' } | { action: 'write'; contentType: string; bytes: number };
