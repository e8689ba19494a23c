import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { DAY, workspacesHarness } from './harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function seedAcme(h: ReturnType<typeof workspacesHarness>) {
  const files: Record<string, Buffer> = {
    'tenants/acme/agents/support/state/memory.json': Buffer.from('{"turns":3}'),
    'tenants/acme/agents/writer/state/model.bin': randomBytes(200_000),
  };
  for (const [path, bytes] of Object.entries(files)) await h.workspaces.write(path, bytes, 'application/octet-stream');
  return files;
}

async function untar(gz: Buffer): Promise<Record<string, Buffer>> {
  const extract = tar.extract();
  const out: Record<string, Buffer> = {};
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out[entry.header.name] = Buffer.concat(chunks);
    }
  })();
  extract.end(gunzipSync(gz));
  await done;
  return out;
}

describe('archive on cancellation (000#35)', () => {
  it('archives once, links a decrypted download, restores byte for byte, and deletes after 30 days', async () => {
    const h = workspacesHarness();
    const files = await seedAcme(h);
    await h.cancel('acme', 'sub_1');
    await h.cancel('acme', 'sub_1', 'redelivered');
    expect([...h.records.records.values()]).toMatchObject([
      { archiveId: 'arc_sub_1', tenant: 'acme', status: 'archived', files: 2, totalBytes: 200_011 },
    ]);
    expect(h.publisher.published.map((p) => [p.topic, p.event.id])).toEqual([
      ['tenant-notices', 'notice.archive_ready:arc_sub_1'],
    ]);
    expect(h.audit.entries.filter((e) => e.action === 'workspaces.archived')).toHaveLength(1);

    // The tenant's admin sees it with its link; the link downloads the decrypted tar.gz.
    const listed = (await h.call('owner', 'GET', '/v1/tenants/acme/archives')).json().archives;
    expect(listed).toMatchObject([
      { archiveId: 'arc_sub_1', status: 'archived', expiresAt: '2027-01-06T10:00:00.000Z' },
    ]);
    const link = new URL(listed[0].download.url);
    expect(link.origin).toBe('https://api.backbone.test');
    const download = await h.call('', 'GET', link.pathname + link.search);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/gzip');
    const unpacked = await untar(download.bytes);
    expect(Object.fromEntries(Object.entries(unpacked).map(([k, v]) => [k, sha(v)]))).toEqual({
      'agents/support/state/memory.json': sha(files['tenants/acme/agents/support/state/memory.json']!),
      'agents/writer/state/model.bin': sha(files['tenants/acme/agents/writer/state/model.bin']!),
    });
    // A forged or borrowed link is refused.
    expect((await h.call('', 'GET', link.pathname + link.search.replace(/sig=./, 'sig=0'))).status).toBe(401);
    expect((await h.call('', 'GET', '/v1/archives/arc_sub_2/download' + link.search)).status).toBe(401);
    expect((await h.call('rival', 'GET', '/v1/tenants/acme/archives')).status).toBe(403);
    expect((await h.call('staff', 'GET', '/v1/tenants/acme/archives')).status).toBe(403);

    // The live workspace changes; only the tenant's admin restores, and gets exactly what was archived.
    await h.workspaces.deletePrefix('tenants/acme/agents/writer/');
    await h.workspaces.write('tenants/acme/agents/support/state/memory.json', Buffer.from('changed'), 'text/plain');
    expect((await h.call('member', 'POST', '/v1/tenants/acme/archives/arc_sub_1/restore')).status).toBe(403);
    expect((await h.call('rival', 'POST', '/v1/tenants/acme/archives/arc_sub_1/restore')).status).toBe(403);
    expect((await h.call('rival', 'POST', '/v1/tenants/globex/archives/arc_sub_1/restore')).status).toBe(404);
    const restored = await h.call('owner', 'POST', '/v1/tenants/acme/archives/arc_sub_1/restore');
    expect(restored.json()).toEqual({ archiveId: 'arc_sub_1', files: 2, bytes: 200_011 });
    for (const [path, bytes] of Object.entries(files)) expect(sha(await h.workspaces.read(path))).toBe(sha(bytes));

    // 30 days on: the archive goes; the restored workspace stays.
    h.clock.advance(29 * DAY);
    expect(await h.sweep()).toMatchObject({ deleted: 0 });
    h.clock.advance(DAY);
    expect(await h.sweep()).toMatchObject({ deleted: 1, workspacesDeleted: 0 });
    expect(await h.archives.usage('tenants/acme/')).toEqual({ objects: 0, bytes: 0 });
    expect((await h.workspaces.usage('tenants/acme/')).objects).toBe(2);
    expect((await h.call('', 'GET', link.pathname + link.search)).status).toBe(401);
    const gone = await h.call('owner', 'POST', '/v1/tenants/acme/archives/arc_sub_1/restore');
    expect(gone.status).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'STORAGE-002' });
  });

  it("deletes a never-restored tenant's live workspaces with the archive (GDPR), audited with what was removed", async () => {
    const h = workspacesHarness();
    await seedAcme(h);
    await h.workspaces.write('tenants/globex/agents/a/state/x', Buffer.from('globex'), 'text/plain');
    await h.cancel('acme', 'sub_1');
    h.clock.advance(30 * DAY);
    expect(await h.sweep()).toMatchObject({ deleted: 1, workspacesDeleted: 1 });
    expect(await h.sweep()).toMatchObject({ deleted: 0 });
    expect((await h.workspaces.usage('tenants/acme/')).objects).toBe(0);
    expect((await h.workspaces.usage('tenants/globex/')).objects).toBe(1);
    const record = h.audit.entries.find((e) => e.action === 'workspaces.archive_deleted')!;
    expect(record.details).toMatchObject({
      archiveId: 'arc_sub_1',
      archive: { objects: 2 },
      workspaces: { objects: 2, bytes: 200_011, namesSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(JSON.stringify(record)).not.toContain('memory.json');
  });

  it('keeps the workspaces of a tenant that still pays for another plan, and of one that came back', async () => {
    const h = workspacesHarness();
    await seedAcme(h);
    h.plans.plans.set('acme', [{ subscriptionId: 'sub_2', priceId: 'price_pro' }]);
    await h.cancel('acme', 'sub_1');
    expect(h.records.records.size).toBe(0);

    h.plans.plans.delete('acme');
    await h.cancel('acme', 'sub_2');
    h.plans.plans.set('acme', [{ subscriptionId: 'sub_3', priceId: 'price_pro' }]);
    h.clock.advance(31 * DAY);
    expect(await h.sweep()).toMatchObject({ deleted: 1, workspacesDeleted: 0 });
    expect((await h.workspaces.usage('tenants/acme/')).objects).toBe(2);
  });

  it('dead-letters a cancellation without a usable tenant and archives nothing', async () => {
    const h = workspacesHarness();
    await seedAcme(h);
    await h.cancel('../acme', 'sub_9');
    expect(h.records.records.size).toBe(0);
    expect([...h.failures.letters.values()].map((l) => l.function)).toEqual(['workspace-archiver']);
  });
});
