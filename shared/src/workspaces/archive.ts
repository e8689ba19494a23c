import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import type { KeyWrapper } from './key-wrapper';
import type { ObjectStore } from './object-store';
import { tenantPrefix } from './workspace-paths';

/** How long a cancelled tenant's archive is kept before it and the live workspace are deleted (000#35). */
export const ARCHIVE_DAYS = 30;
/** Files read ahead of the packer: bounded, so memory stays a few files deep. */
const READ_AHEAD = 4;

export interface ArchivedFile {
  /** The object's name in the workspace bucket, as it was and as a restore writes it back. */
  path: string;
  size: number;
  sha256: string;
}

/** What an archive holds and how to open it: stored beside it and in its record. */
export interface ArchiveManifest {
  archiveId: string;
  tenant: string;
  createdAt: string;
  expiresAt: string;
  files: ArchivedFile[];
  totalBytes: number;
  /** The encrypted tar.gz in the archive bucket, its size and SHA-256 (of the ciphertext). */
  object: string;
  encryptedBytes: number;
  encryptedSha256: string;
  encryption: { algorithm: 'AES-256-GCM'; iv: string; tag: string; keyName: string; wrappedKey: string };
}

export interface ArchiveDeps {
  workspaces: ObjectStore;
  archives: ObjectStore;
  keys: KeyWrapper;
}

export const archiveObject = (tenant: string, archiveId: string) => `tenants/${tenant}/${archiveId}/archive.tar.gz.enc`;
export const manifestObject = (tenant: string, archiveId: string) => `tenants/${tenant}/${archiveId}/manifest.json`;

/**
 * Packs every workspace of a tenant as one tar.gz, encrypted with AES-256-GCM under a fresh data
 * key that is then wrapped by the key keeper (KMS) with the archive id as context, and writes the
 * ciphertext and its manifest to the archive bucket. Streamed: one file in memory at a time.
 */
export async function packArchive(
  deps: ArchiveDeps,
  input: { archiveId: string; tenant: string; now: Date },
): Promise<ArchiveManifest> {
  const prefix = tenantPrefix(input.tenant);
  const files: ArchivedFile[] = [];
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const digest = createHash('sha256');
  let encryptedBytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _, done) {
      digest.update(chunk);
      encryptedBytes += chunk.length;
      done(null, chunk);
    },
  });
  const object = archiveObject(input.tenant, input.archiveId);
  const pack = tar.pack();
  const written = pipeline(
    pack,
    createGzip(),
    cipher,
    measure,
    deps.archives.openWrite(object, 'application/octet-stream'),
  );
  const feeding = (async () => {
    let pageToken: string | undefined;
    do {
      const page = await deps.workspaces.list(prefix, { max: 500, ...(pageToken ? { pageToken } : {}) });
      // Reads run ahead of the packer (a few files in flight), so the network and the CPU overlap.
      const reads = page.items.map(() => undefined as Promise<Buffer> | undefined);
      const readAhead = (i: number) => {
        for (let j = i; j < Math.min(i + READ_AHEAD, page.items.length); j++)
          if (!reads[j]) {
            reads[j] = deps.workspaces.read(page.items[j]!.path);
            reads[j]!.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
          }
      };
      for (const [i, item] of page.items.entries()) {
        readAhead(i);
        const bytes = await reads[i]!;
        reads[i] = undefined;
        files.push({ path: item.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        const name = item.path.slice(`tenants/${input.tenant}/`.length);
        await new Promise<void>((resolve, reject) =>
          pack.entry({ name, size: bytes.length }, bytes, (e) => (e ? reject(e) : resolve())),
        );
      }
      pageToken = page.next;
    } while (pageToken);
    pack.finalize();
  })().catch((error: Error) => {
    pack.destroy(error);
    throw error;
  });
  await Promise.all([feeding, written]);
  const wrapped = await deps.keys.wrap(dataKey, input.archiveId);
  dataKey.fill(0);
  const manifest: ArchiveManifest = {
    archiveId: input.archiveId,
    tenant: input.tenant,
    createdAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + ARCHIVE_DAYS * 86_400_000).toISOString(),
    files,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    object,
    encryptedBytes,
    encryptedSha256: digest.digest('hex'),
    encryption: {
      algorithm: 'AES-256-GCM',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      keyName: wrapped.keyName,
      wrappedKey: wrapped.wrapped.toString('base64'),
    },
  };
  await deps.archives.write(
    manifestObject(input.tenant, input.archiveId),
    Buffer.from(JSON.stringify(manifest)),
    'application/json',
  );
  return manifest;
}

/** The archive's tar.gz, decrypted as it streams; the stream fails at its end if the ciphertext was altered. */
export async function decryptedArchive(deps: ArchiveDeps, manifest: ArchiveManifest): Promise<Readable> {
  const dataKey = await deps.keys.unwrap(
    { keyName: manifest.encryption.keyName, wrapped: Buffer.from(manifest.encryption.wrappedKey, 'base64') },
    manifest.archiveId,
  );
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(manifest.encryption.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(manifest.encryption.tag, 'base64'));
  const out = new PassThrough();
  pipeline(deps.archives.openRead(manifest.object), decipher, out).catch((e) => out.destroy(e));
  return out;
}

/**
 * Every file of the archive in order, each checked against its manifest hash; the archive's
 * authentication tag is checked when the last file has been read, so callers that write must
 * read it through once first (`verifyArchive`) and only then act on what it holds.
 */
export async function* archiveFiles(
  deps: ArchiveDeps,
  manifest: ArchiveManifest,
): AsyncGenerator<{ path: string; bytes: Buffer }> {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const extract = tar.extract();
  const source = await decryptedArchive(deps, manifest);
  const done = pipeline(source, createGunzip(), extract);
  done.catch(() => undefined);
  const seen = new Set<string>();
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const path = `tenants/${manifest.tenant}/${entry.header.name}`;
    const file = expected.get(path);
    if (!file || file.sha256 !== createHash('sha256').update(bytes).digest('hex') || seen.has(path))
      throw new ArchiveIntegrityError(`${entry.header.name} does not match the manifest`);
    seen.add(path);
    yield { path, bytes };
  }
  await done;
  if (seen.size !== expected.size) throw new ArchiveIntegrityError(`${expected.size - seen.size} files are missing`);
}

/** Reads the whole archive through: authentic, complete and matching its manifest, or it throws. */
export async function verifyArchive(
  deps: ArchiveDeps,
  manifest: ArchiveManifest,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  try {
    for await (const file of archiveFiles(deps, manifest)) {
      files++;
      bytes += file.bytes.length;
    }
  } catch (error) {
    if (error instanceof ArchiveIntegrityError) throw error;
    throw new ArchiveIntegrityError(`the archive cannot be read: ${(error as Error).message}`);
  }
  return { files, bytes };
}

/** Writes every file back to where it was, byte for byte, after the archive was verified whole. */
export async function restoreArchive(
  deps: ArchiveDeps,
  manifest: ArchiveManifest,
): Promise<{ files: number; bytes: number }> {
  await verifyArchive(deps, manifest);
  let files = 0;
  let bytes = 0;
  for await (const file of archiveFiles(deps, manifest)) {
    await deps.workspaces.write(file.path, file.bytes, 'application/octet-stream');
    files++;
    bytes += file.bytes.length;
  }
  return { files, bytes };
}

export class ArchiveIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveIntegrityError';
  }
}
