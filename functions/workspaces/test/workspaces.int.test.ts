import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { emulatorFirestore, uniqueProjectId } from '@backbone/shared/testing';
import { LocalKeyWrapper, packArchive, restoreArchive, recordOf } from '@backbone/shared/workspaces';
import { FirestoreArchiveStore, FirestoreTenantPlans, GcsObjectStore } from '@backbone/shared/workspaces/gcp';
import { DAY, workspacesHarness } from './harness';

// Cloud Storage through the Storage emulator and the archive records through the Firestore emulator.
const project = uniqueProjectId();
const db = emulatorFirestore(project);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = {
  clientEmail: 'workspaces@demo.iam.gserviceaccount.com',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const stores = () => ({
  workspaces: GcsObjectStore.forBucket(project, `${project}-agent-workspaces`, signer),
  archives: GcsObjectStore.forBucket(project, `${project}-subscription-archives`),
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('workspaces on the Storage emulator', () => {
  it('pages a listing, signs a download the emulator serves, and archives and restores byte for byte', async () => {
    const deps = { ...stores(), keys: new LocalKeyWrapper(randomBytes(32)) };
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 5; i++) files[`tenants/wayne/agents/bot/state/f${i}.bin`] = randomBytes(50_000 + i);
    for (const [path, bytes] of Object.entries(files))
      await deps.workspaces.write(path, bytes, 'application/octet-stream');

    const first = await deps.workspaces.list('tenants/wayne/', { max: 2 });
    const second = await deps.workspaces.list('tenants/wayne/', { max: 10, pageToken: first.next! });
    expect([...first.items, ...second.items].map((o) => o.path)).toEqual(Object.keys(files));
    expect(await deps.workspaces.usage('tenants/wayne/')).toEqual({ objects: 5, bytes: 250_010 });

    const signed = await deps.workspaces.signedUrl(
      'tenants/wayne/agents/bot/state/f0.bin',
      { action: 'read' },
      new Date(Date.now() + 60_000),
    );
    expect(signed.url).toContain('X-Goog-Algorithm=GOOG4-RSA-SHA256');
    const fetched = Buffer.from(await (await fetch(signed.url)).arrayBuffer());
    expect(sha(fetched)).toBe(sha(files['tenants/wayne/agents/bot/state/f0.bin']!));

    const manifest = await packArchive(deps, { archiveId: 'arc_sub_wayne', tenant: 'wayne', now: new Date() });
    await deps.workspaces.deletePrefix('tenants/wayne/');
    expect(await restoreArchive(deps, manifest)).toEqual({ files: 5, bytes: 250_010 });
    for (const [path, bytes] of Object.entries(files)) expect(sha(await deps.workspaces.read(path))).toBe(sha(bytes));
  });

  it('runs cancellation, download, restore and the 30-day sweep end to end', async () => {
    const h = workspacesHarness(stores());
    await h.workspaces.write('tenants/acme/agents/support/state/memory.json', Buffer.from('{"turns":3}'), 'text/plain');
    await h.cancel('acme', 'sub_e2e');
    const [archive] = (await h.call('owner', 'GET', '/v1/tenants/acme/archives')).json().archives;
    const link = new URL(archive.download.url);
    const download = await h.call('', 'GET', link.pathname + link.search);
    expect(download.status).toBe(200);
    expect(download.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await h.call('owner', 'POST', '/v1/tenants/acme/archives/arc_sub_e2e/restore')).json()).toMatchObject({
      files: 1,
    });
    h.clock.advance(30 * DAY);
    expect(await h.sweep()).toMatchObject({ deleted: 1, workspacesDeleted: 0 });
    expect(await h.archives.usage('tenants/acme/arc_sub_e2e/')).toEqual({ objects: 0, bytes: 0 });
  });
});

describe('FirestoreArchiveStore and FirestoreTenantPlans', () => {
  it('claims an archive once, lists a tenant’s newest first, finds the expired and marks them', async () => {
    const store = new FirestoreArchiveStore(db);
    const t0 = new Date('2026-12-01T00:00:00Z');
    expect(await store.begin({ archiveId: 'arc_a', tenant: 'acme', subscriptionId: 'sub_a', createdAt: t0 })).toBe(
      true,
    );
    // A crash before completion: packed again.
    expect(await store.begin({ archiveId: 'arc_a', tenant: 'acme', subscriptionId: 'sub_a', createdAt: t0 })).toBe(
      true,
    );
    const manifest = {
      archiveId: 'arc_a',
      tenant: 'acme',
      createdAt: t0.toISOString(),
      expiresAt: new Date(t0.getTime() + 30 * DAY).toISOString(),
      files: [{ path: 'tenants/acme/agents/x/state/a', size: 1, sha256: 'ab' }],
      totalBytes: 1,
      object: 'tenants/acme/arc_a/archive.tar.gz.enc',
      encryptedBytes: 40,
      encryptedSha256: 'cd',
      encryption: { algorithm: 'AES-256-GCM' as const, iv: '', tag: '', keyName: 'local', wrappedKey: '' },
    };
    await store.complete(manifest, 'tenants/acme/arc_a/manifest.json');
    expect(await store.begin({ archiveId: 'arc_a', tenant: 'acme', subscriptionId: 'sub_a', createdAt: t0 })).toBe(
      false,
    );
    expect(await store.get('arc_a')).toEqual(recordOf(manifest, 'sub_a', 'tenants/acme/arc_a/manifest.json'));
    await store.begin({
      archiveId: 'arc_b',
      tenant: 'acme',
      subscriptionId: 'sub_b',
      createdAt: new Date(t0.getTime() + DAY),
    });
    expect((await store.ofTenant('acme', 10)).map((r) => r.archiveId)).toEqual(['arc_b', 'arc_a']);
    expect((await store.expired(new Date(t0.getTime() + 29 * DAY), 10)).map((r) => r.archiveId)).toEqual([]);
    expect((await store.expired(new Date(t0.getTime() + 30 * DAY), 10)).map((r) => r.archiveId)).toEqual(['arc_a']);
    await store.mark('arc_a', { status: 'deleted', deletedAt: new Date() });
    expect(await store.expired(new Date(t0.getTime() + 31 * DAY), 10)).toEqual([]);

    await db.doc('subscriptions/sub_x').set({ tenantId: 'acme', status: 'active', priceId: 'price_pro' });
    await db.doc('subscriptions/sub_y').set({ tenantId: 'acme', status: 'canceled', priceId: 'price_basic' });
    await db.doc('subscriptions/sub_z').set({ tenantId: 'globex', status: 'active', priceId: 'price_basic' });
    expect(await new FirestoreTenantPlans(db).active('acme')).toEqual([
      { subscriptionId: 'sub_x', priceId: 'price_pro' },
    ]);
  });
});
