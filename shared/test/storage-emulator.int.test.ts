import { Storage } from '@google-cloud/storage';
import { uniqueProjectId } from '@backbone/shared/testing';

// The Storage emulator runs with an allow-all stand-in for its rules runtime (see emulators.sh):
// this proves the suite's Storage is usable for blobs the way server code uses it.
describe('Storage emulator', () => {
  it('creates a bucket, uploads, lists, downloads and deletes objects', async () => {
    expect(process.env.STORAGE_EMULATOR_HOST).toBeDefined();
    const storage = new Storage({ projectId: uniqueProjectId() });
    const bucket = storage.bucket(`bb-test-${Date.now()}`);
    await bucket.create().catch(() => undefined);
    await bucket
      .file('agents/a1/state/run.json')
      .save(JSON.stringify({ step: 3 }), { contentType: 'application/json', resumable: false });
    const [files] = await bucket.getFiles({ prefix: 'agents/a1/' });
    expect(files.map((f) => f.name)).toEqual(['agents/a1/state/run.json']);
    const [content] = await bucket.file('agents/a1/state/run.json').download();
    expect(JSON.parse(content.toString())).toEqual({ step: 3 });
    await bucket.file('agents/a1/state/run.json').delete();
    const [after] = await bucket.getFiles({ prefix: 'agents/a1/' });
    expect(after).toHaveLength(0);
  });
});
