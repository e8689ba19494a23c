import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { MemoryObjectStore } from '@backbone/shared/testing';
import {
  archiveLinkValid,
  decryptedArchive,
  FilePathSchema,
  LocalKeyWrapper,
  packArchive,
  restoreArchive,
  signArchiveLink,
  verifyArchive,
} from '@backbone/shared/workspaces';

const NOW = new Date('2026-12-07T10:00:00Z');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function setup() {
  const workspaces = new MemoryObjectStore('ws');
  const archives = new MemoryObjectStore('archives');
  const keys = new LocalKeyWrapper(randomBytes(32));
  return { workspaces, archives, keys };
}

async function seed(store: MemoryObjectStore) {
  const files = {
    'tenants/acme/agents/support/state/memory.json': Buffer.from('{"turns":3}'),
    'tenants/acme/agents/support/state/deep/nested/notes.txt': Buffer.from('ünïcödé ✓ notes'),
    'tenants/acme/agents/writer/state/model.bin': randomBytes(300_000),
    'tenants/acme/agents/writer/state/empty': Buffer.alloc(0),
    'tenants/globex/agents/support/state/secret.txt': Buffer.from('globex only'),
  };
  for (const [path, bytes] of Object.entries(files)) await store.write(path, bytes, 'application/octet-stream');
  return files;
}

describe('workspace archives (000#35)', () => {
  it("packs one tenant's workspaces encrypted, and restores them byte for byte", async () => {
    const deps = setup();
    const files = await seed(deps.workspaces);
    const manifest = await packArchive(deps, { archiveId: 'arc_sub_1', tenant: 'acme', now: NOW });

    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((p) => p.includes('/acme/'))
        .sort(),
    );
    expect(manifest.files.every((f) => f.sha256 === sha(files[f.path as keyof typeof files]))).toBe(true);
    expect(manifest.expiresAt).toBe('2027-01-06T10:00:00.000Z');
    // At rest, nothing of the content is readable, nor is the data key.
    const stored = await deps.archives.read(manifest.object);
    expect(stored.includes(Buffer.from('turns'))).toBe(false);
    expect(sha(stored)).toBe(manifest.encryptedSha256);
    expect(JSON.stringify(manifest)).not.toContain('turns');
    // The decrypted stream is a real tar.gz.
    const chunks: Buffer[] = [];
    for await (const c of await decryptedArchive(deps, manifest)) chunks.push(c as Buffer);
    expect(gunzipSync(Buffer.concat(chunks)).includes(Buffer.from('ünïcödé ✓ notes'))).toBe(true);

    // The live workspace changes and loses files; a restore brings back exactly what was archived.
    await deps.workspaces.deletePrefix('tenants/acme/agents/writer/');
    await deps.workspaces.write('tenants/acme/agents/support/state/memory.json', Buffer.from('changed'), 'text/plain');
    expect(await restoreArchive(deps, manifest)).toEqual({ files: 4, bytes: manifest.totalBytes });
    for (const [path, bytes] of Object.entries(files)) expect(sha(await deps.workspaces.read(path))).toBe(sha(bytes));
  });

  it('refuses an archive whose ciphertext, tag or wrapped key was altered, before writing anything', async () => {
    const deps = setup();
    await seed(deps.workspaces);
    const manifest = await packArchive(deps, { archiveId: 'arc_sub_2', tenant: 'acme', now: NOW });
    const original = await deps.archives.read(manifest.object);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 10]! ^= 1;
    await deps.archives.write(manifest.object, flipped, 'application/octet-stream');
    await deps.workspaces.deletePrefix('tenants/acme/');
    await expect(restoreArchive(deps, manifest)).rejects.toThrow(/cannot be read|does not match/);
    expect((await deps.workspaces.usage('tenants/acme/')).objects).toBe(0);

    await deps.archives.write(manifest.object, original, 'application/octet-stream');
    await expect(verifyArchive(deps, manifest)).resolves.toEqual({ files: 4, bytes: manifest.totalBytes });
    // Another archive's context cannot unwrap this data key (the id is authenticated with it).
    await expect(verifyArchive(deps, { ...manifest, archiveId: 'arc_other' })).rejects.toThrow();
    // Another keeper cannot either.
    await expect(verifyArchive({ ...deps, keys: new LocalKeyWrapper(randomBytes(32)) }, manifest)).rejects.toThrow();
  });

  it('archives an empty tenant as an empty, valid archive', async () => {
    const deps = setup();
    const manifest = await packArchive(deps, { archiveId: 'arc_sub_3', tenant: 'initech', now: NOW });
    expect(manifest.files).toEqual([]);
    expect(await verifyArchive(deps, manifest)).toEqual({ files: 0, bytes: 0 });
  });
});

describe('archive download links', () => {
  const secret = 'a'.repeat(32);
  it('holds until the archive expires, for that archive only', () => {
    const { exp, sig } = signArchiveLink(secret, 'arc_1', new Date('2027-01-06T10:00:00Z'));
    expect(archiveLinkValid(secret, 'arc_1', exp, sig, NOW)).toBe(true);
    expect(archiveLinkValid(secret, 'arc_2', exp, sig, NOW)).toBe(false);
    expect(archiveLinkValid(secret, 'arc_1', exp + 1, sig, NOW)).toBe(false);
    expect(archiveLinkValid('b'.repeat(32), 'arc_1', exp, sig, NOW)).toBe(false);
    expect(archiveLinkValid(secret, 'arc_1', exp, sig, new Date('2027-01-06T10:00:01Z'))).toBe(false);
    expect(archiveLinkValid(secret, 'arc_1', exp, 'zz', NOW)).toBe(false);
  });
});

describe('workspace file paths', () => {
  it.each(['state.json', 'a/b/c.txt', 'ünï/cödé.md'])('accepts %s', (p) =>
    expect(FilePathSchema.safeParse(p).success).toBe(true),
  );
  it.each(['', '/abs', '../up', 'a/../b', 'a//b', './a', 'a\u0000b', '\ud800x', 'x'.repeat(513), 'tab\there'])(
    'refuses %j',
    (p) => expect(FilePathSchema.safeParse(p).success).toBe(false),
  );
});
