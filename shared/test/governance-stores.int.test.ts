import { createFirestore } from '@backbone/shared/gcp';
import { type McpServerInput } from '@backbone/shared/governance';
import { FirestoreRegistryStore, FirestoreTrialStore } from '@backbone/shared/governance/gcp';
import { emulatorFirestore, uniqueProjectId } from '@backbone/shared/testing';

const db = emulatorFirestore();
const trials = new FirestoreTrialStore(db);
const registry = new FirestoreRegistryStore(db);
const at = new Date('2026-11-23T10:00:00Z');

describe('FirestoreTrialStore', () => {
  it('admits exactly the quota when 200 runs race for 100 actions: no error, every caller answered in time', async () => {
    const limit = 100;
    const deadline = Date.now() + 20_000;
    const started = Date.now();
    const latencies: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const t = Date.now();
        const slot = await trials.takeAction('race', '2026-11-23', limit, deadline);
        latencies.push(Date.now() - t);
        return slot;
      }),
    );
    expect(outcomes.filter((o) => o.taken)).toHaveLength(limit);
    expect(outcomes.filter((o) => !o.taken).every((o) => o.actionsToday >= limit)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await trials.usage('race', '2026-11-23')).toEqual({ actionsToday: limit, spendCents: 0 });
    expect(await trials.usage('race', '2026-11-24')).toEqual({ actionsToday: 0, spendCents: 0 });
    // One document per admitted action, each written once: no counter document at all.
    const slots = await db.collection('trial_usage').doc('race').collection('actions').get();
    expect(slots.size).toBe(limit);
  }, 60_000);

  it('admits exactly the quota when four instances race (200 runs, 100 actions), each with its own client', async () => {
    const projectId = uniqueProjectId();
    const clients = Array.from({ length: 4 }, () => createFirestore(projectId));
    try {
      const instances = clients.map((c) => new FirestoreTrialStore(c));
      const deadline = Date.now() + 20_000;
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, k) => instances[k % 4]!.takeAction('race4', '2026-11-23', 100, deadline)),
      );
      expect(outcomes.filter((o) => o.taken)).toHaveLength(100);
      expect(outcomes.filter((o) => !o.taken).every((o) => o.actionsToday === 100)).toBe(true);
      const slots = await clients[0]!.collection('trial_usage').doc('race4').collection('actions').get();
      expect(slots.size).toBe(100);
      // A fifth instance that knows nothing learns the day is full and refuses, writing nothing.
      const late = new FirestoreTrialStore(clients[0]!);
      expect(await late.takeAction('race4', '2026-11-23', 100, Date.now() + 5_000)).toEqual({
        taken: false,
        actionsToday: 100,
      });
      expect((await clients[0]!.collection('trial_usage').doc('race4').collection('actions').get()).size).toBe(100);
    } finally {
      await Promise.all(clients.map((c) => c.terminate()));
    }
  }, 60_000);

  it('counts nothing for a caller whose deadline has passed', async () => {
    await expect(trials.takeAction('late', '2026-11-23', 10, Date.now() - 1)).rejects.toThrow(/retry/);
    expect((await trials.usage('late', '2026-11-23')).actionsToday).toBe(0);
  });

  it('adds each spend report once, also when it is delivered twice at the same time', async () => {
    const results = await Promise.all([
      trials.addSpend('spender', 'usage-1', 250),
      trials.addSpend('spender', 'usage-1', 250),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    await trials.addSpend('spender', 'usage-2', 100);
    expect((await trials.usage('spender', '2026-11-23')).spendCents).toBe(350);
  });

  it('reads trial state from the tenant and extends it only for a tenant on a trial', async () => {
    const endsAt = new Date('2026-12-01T00:00:00Z');
    await db
      .collection('tenants')
      .doc('trialing')
      .set({ name: 'T', trial: { startedAt: at, endsAt } });
    await db.collection('tenants').doc('paying').set({ name: 'P' });
    expect(await trials.trialOf('trialing')).toEqual({
      startedAt: at,
      endsAt,
      actionsPerDay: 100,
      budgetCapCents: 5000,
    });
    expect(await trials.trialOf('paying')).toBeUndefined();
    const later = new Date('2026-12-08T00:00:00Z');
    expect(await trials.extend('trialing', later)).toEqual({ before: endsAt, after: later });
    expect((await trials.trialOf('trialing'))!.endsAt).toEqual(later);
    await expect(trials.extend('paying', later)).rejects.toMatchObject({ code: 'REQ-003' });
  });
});

describe('FirestoreRegistryStore', () => {
  const server: McpServerInput = {
    name: 'GitHub',
    url: 'https://mcp.github.example',
    description: '',
    production: true,
  };

  it('creates once, updates and deletes what exists, and says so otherwise', async () => {
    await registry.createMcpServer('github', server, { by: 'user:admin', at });
    await expect(registry.createMcpServer('github', server, { by: 'user:admin', at })).rejects.toMatchObject({
      code: 'REQ-008',
    });
    const updated = await registry.updateMcpServer('github', { ...server, production: false }, { by: 'user:ops', at });
    expect(updated).toMatchObject({ id: 'github', production: false, updatedBy: 'user:ops', createdAt: at });
    expect(await registry.listMcpServers()).toEqual([updated]);
    await registry.deleteMcpServer('github');
    await expect(registry.deleteMcpServer('github')).rejects.toMatchObject({ code: 'REQ-003' });
    await expect(registry.updateMcpServer('github', server, { by: 'x', at })).rejects.toMatchObject({
      code: 'REQ-003',
    });
  });

  it('reads the global and tenant allow-lists that exist', async () => {
    await registry.putAllowList(
      'global',
      { hosts: [{ host: 'a.example', sandbox: false }], mcpServers: [] },
      { by: 'x', at },
    );
    expect(await registry.allowLists(['global', 'nobody'])).toEqual([
      { hosts: [{ host: 'a.example', sandbox: false }], mcpServers: [] },
    ]);
  });
});
