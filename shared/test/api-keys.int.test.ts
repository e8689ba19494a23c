import { ApiKeys } from '@backbone/shared/core';
import { FirestoreApiKeyStore } from '@backbone/shared/gcp';
import { ManualClock, emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();

describe('API keys in Firestore', () => {
  it('creates, lists without secrets, rotates and verifies through the Firestore store', async () => {
    const clock = new ManualClock(new Date('2026-11-23T00:00:00Z'));
    const keys = new ApiKeys(new FirestoreApiKeyStore(db), clock);
    const first = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['agents:run'], ttlDays: 90 });
    const second = await keys.rotate('acme', first.summary.keyId, 1);
    const listed = await keys.list('acme');
    expect(listed.map((k) => k.keyId).sort()).toEqual([first.summary.keyId, second.summary.keyId].sort());
    expect(JSON.stringify(listed)).not.toMatch(/secretHash|[a-f0-9]{64}/);
    await expect(keys.verify(first.key)).resolves.toMatchObject({ tenant: 'acme' });
    clock.advance(2 * 3_600_000);
    await expect(keys.verify(first.key)).rejects.toMatchObject({ code: 'AUTH-001' });
    await expect(keys.verify(second.key)).resolves.toMatchObject({ keyId: second.summary.keyId });
    const stored = (await db.collection('api_keys').doc(first.summary.keyId).get()).data()!;
    expect(JSON.stringify(stored)).not.toContain(first.key.split('_')[3]);
  });

  it('gives concurrent rotations of one key exactly one successor (a transaction in Firestore)', async () => {
    const clock = new ManualClock(new Date('2026-11-23T00:00:00Z'));
    const keys = new ApiKeys(new FirestoreApiKeyStore(db), clock);
    const first = await keys.create({ tenant: 'rot', name: 'ci', scopes: ['billing:read'] });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => keys.rotate('rot', first.summary.keyId, 1)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      ['REQ-008', 'REQ-008', 'REQ-008', 'REQ-008'],
    );
    expect(await keys.list('rot')).toHaveLength(2);
  });
});
