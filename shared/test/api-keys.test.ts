import { API_KEY_PATTERN, ApiKeys, maskPii } from '@backbone/shared/core';
import { ManualClock, MemoryApiKeyStore } from '@backbone/shared/testing';

function setup() {
  const store = new MemoryApiKeyStore();
  const clock = new ManualClock(new Date('2026-11-23T00:00:00Z'));
  return { store, clock, keys: new ApiKeys(store, clock) };
}

describe('ApiKeys (004§2.2)', () => {
  it('creates a prefix-identifiable key, shown once, stored only as a hash', async () => {
    const { keys, store } = setup();
    const { key, summary } = await keys.create({
      tenant: 'acme',
      name: 'ci',
      scopes: ['agents:run', 'agents:read', 'agents:run'],
    });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(key.startsWith('bb_live_')).toBe(true);
    expect(summary).toMatchObject({
      tenant: 'acme',
      scopes: ['agents:read', 'agents:run'],
      displayPrefix: key.slice(0, 16),
    });
    expect(JSON.stringify(store.records.get(summary.keyId))).not.toContain(key.split('_')[3]);
    expect(summary).not.toHaveProperty('secretHash');
    expect(maskPii(`used ${key}`)).toBe('used [REDACTED_API_KEY]');
  });

  it('verifies a key into a tenant-scoped caller', async () => {
    const { keys } = setup();
    const { key, summary } = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['agents:run'] });
    await expect(keys.verify(key)).resolves.toEqual({
      kind: 'client',
      keyId: summary.keyId,
      tenant: 'acme',
      scopes: ['agents:run'],
    });
  });

  it.each([
    ['a changed secret', (k: string) => `${k.slice(0, -1)}${k.endsWith('A') ? 'B' : 'A'}`],
    ['an unknown key id', (k: string) => `bb_live_ZZZZZZZZZZZZ_${k.split('_')[3]}`],
    ['a test key in live mode', (k: string) => k.replace('bb_live_', 'bb_test_')],
    ['a malformed key', () => 'bb_live_short'],
  ])('refuses %s', async (_what, mutate) => {
    const { keys } = setup();
    const { key } = await keys.create({ tenant: 'acme', name: 'ci', scopes: [] });
    await expect(keys.verify(mutate(key))).rejects.toMatchObject({ code: 'AUTH-001' });
  });

  it('rotates with an overlap window: both keys work until it ends, then only the new one', async () => {
    const { keys, clock } = setup();
    const first = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['agents:run'] });
    const second = await keys.rotate('acme', first.summary.keyId, 24);
    clock.advance(23 * 3_600_000);
    await expect(keys.verify(first.key)).resolves.toMatchObject({ keyId: first.summary.keyId });
    await expect(keys.verify(second.key)).resolves.toMatchObject({ scopes: ['agents:run'] });
    clock.advance(2 * 3_600_000);
    await expect(keys.verify(first.key)).rejects.toMatchObject({ code: 'AUTH-001' });
    await expect(keys.verify(second.key)).resolves.toMatchObject({ tenant: 'acme' });
    expect((await keys.list('acme')).find((k) => k.keyId === first.summary.keyId)?.replacedBy).toBe(
      second.summary.keyId,
    );
  });

  it('revokes at once, and expires keys with a time to live', async () => {
    const { keys, clock } = setup();
    const revoked = await keys.create({ tenant: 'acme', name: 'a', scopes: [] });
    await keys.revoke('acme', revoked.summary.keyId);
    await expect(keys.verify(revoked.key)).rejects.toMatchObject({ code: 'AUTH-001' });
    const shortLived = await keys.create({ tenant: 'acme', name: 'b', scopes: [], ttlDays: 1 });
    await expect(keys.verify(shortLived.key)).resolves.toBeDefined();
    clock.advance(86_400_000);
    await expect(keys.verify(shortLived.key)).rejects.toMatchObject({ code: 'AUTH-001' });
  });

  it("does not let one tenant see, rotate or revoke another tenant's key", async () => {
    const { keys } = setup();
    const { summary } = await keys.create({ tenant: 'acme', name: 'ci', scopes: [] });
    expect(await keys.list('globex')).toEqual([]);
    await expect(keys.rotate('globex', summary.keyId, 1)).rejects.toMatchObject({ code: 'REQ-003' });
    await expect(keys.revoke('globex', summary.keyId)).rejects.toMatchObject({ code: 'REQ-003' });
  });
});

describe('rotation and the per-tenant cap', () => {
  const setup = (cap?: number) => {
    const clock = new ManualClock(new Date('2026-12-02T00:00:00Z'));
    const store = new MemoryApiKeyStore();
    return { clock, store, keys: new ApiKeys(store, clock, 'live', cap) };
  };
  const HOUR = 3_600_000;

  it('refuses to rotate a key twice, a revoked key or an expired one (409), and mints nothing', async () => {
    const { keys, store, clock } = setup();
    const first = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['billing:read'], ttlDays: 1 });
    await keys.rotate('acme', first.summary.keyId, 1);
    const count = store.records.size;
    await expect(keys.rotate('acme', first.summary.keyId, 1)).rejects.toMatchObject({ code: 'REQ-008' });
    const revoked = await keys.create({ tenant: 'acme', name: 'r', scopes: ['billing:read'] });
    await keys.revoke('acme', revoked.summary.keyId);
    await expect(keys.rotate('acme', revoked.summary.keyId, 1)).rejects.toMatchObject({ code: 'REQ-008' });
    const expiring = await keys.create({ tenant: 'acme', name: 'e', scopes: ['billing:read'], ttlDays: 1 });
    clock.advance(25 * HOUR);
    await expect(keys.rotate('acme', expiring.summary.keyId, 1)).rejects.toMatchObject({ code: 'REQ-008' });
    expect(store.records.size).toBe(count + 2);
  });

  it('keeps the remaining time to live: the successor expires when the original would, the overlap ends no later', async () => {
    const { keys, clock } = setup();
    const first = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['billing:read'], ttlDays: 2 });
    clock.advance(47 * HOUR);
    const next = await keys.rotate('acme', first.summary.keyId, 24);
    expect(next.summary.expiresAt).toEqual(first.summary.expiresAt);
    const old = (await keys.list('acme')).find((k) => k.keyId === first.summary.keyId)!;
    expect(old.validUntil).toEqual(first.summary.expiresAt);
    clock.advance(2 * HOUR);
    await expect(keys.verify(next.key)).rejects.toMatchObject({ code: 'AUTH-001' });
  });

  it('gives two simultaneous rotations one successor', async () => {
    const { keys, store } = setup();
    const first = await keys.create({ tenant: 'acme', name: 'ci', scopes: ['billing:read'] });
    const results = await Promise.allSettled([
      keys.rotate('acme', first.summary.keyId, 1),
      keys.rotate('acme', first.summary.keyId, 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(store.records.size).toBe(2);
  });

  it('caps active keys per tenant; revoked and expired ones do not count', async () => {
    const { keys, clock } = setup(3);
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(
        await keys.create({
          tenant: 'acme',
          name: `k${i}`,
          scopes: ['billing:read'],
          ttlDays: i === 0 ? 1 : undefined,
        }),
      );
    await expect(keys.create({ tenant: 'acme', name: 'k3', scopes: ['billing:read'] })).rejects.toMatchObject({
      code: 'REQ-008',
    });
    // Another tenant has its own allowance.
    await expect(keys.create({ tenant: 'globex', name: 'g', scopes: ['billing:read'] })).resolves.toBeDefined();
    await keys.revoke('acme', made[1]!.summary.keyId);
    await expect(keys.create({ tenant: 'acme', name: 'k4', scopes: ['billing:read'] })).resolves.toBeDefined();
    clock.advance(25 * HOUR);
    await expect(keys.create({ tenant: 'acme', name: 'k5', scopes: ['billing:read'] })).resolves.toBeDefined();
  });
});
