import { FirestoreAgentStore, agentCollections } from '@backbone/shared/agents/gcp';
import { agentRecord, RecordingEventPublisher, seedAgents, emulatorFirestore } from '@backbone/shared/testing';
import { agentsHarness, invoiceAgentYaml, spec } from './harness';

// The registry in the Firestore emulator: transactions, the tenant's subcollection listing (its
// queries recorded for the index-coverage check), versions removed with their agent, the outbox.
const db = emulatorFirestore();
const store = new FirestoreAgentStore(db);
const AGENTS = '/v1/tenants/acme/agents';

describe('agents on Firestore', () => {
  it('creates, lists by status and specialty a page at a time, and reads back what it wrote', async () => {
    const { as } = agentsHarness({ store });
    for (const [id, specialty] of [
      ['list-c', 'sales'],
      ['list-a', 'Lead Generation'],
      ['list-b', 'legal'],
    ])
      expect((await as('acme', 'POST', AGENTS, { id, name: id, specialty })).status).toBe(201);
    await as('acme', 'POST', `${AGENTS}/list-a/versions`, { version: '0.1.0', spec: spec() });
    await as('acme', 'POST', `${AGENTS}/list-a/lifecycle`, { event: 'submit', version: '0.1.0' });
    const page = await as('acme', 'GET', `${AGENTS}?limit=2`);
    expect(page.json().agents.map((a: { id: string }) => a.id)).toEqual(['list-a', 'list-b']);
    const rest = await as('acme', 'GET', `${AGENTS}?limit=2&after=${page.json().next}`);
    expect(rest.json().agents.map((a: { id: string }) => a.id)).toEqual(['list-c']);
    const sales = await as('acme', 'GET', `${AGENTS}?specialty=sales&status=draft`);
    expect(sales.json().agents.map((a: { id: string }) => a.id)).toEqual(['list-c']);
    const submitted = await as('acme', 'GET', `${AGENTS}?status=submitted&limit=5`);
    expect(submitted.json().agents).toEqual([
      expect.objectContaining({ id: 'list-a', candidateVersion: '0.1.0', createdAt: expect.any(String) }),
    ]);
    expect((await as('globexAdmin', 'GET', '/v1/tenants/globex/agents')).json().agents).toEqual([]);
  });

  it('lets exactly one of concurrent deploys through; the others get 409 and write nothing', async () => {
    const { as, publisher } = agentsHarness({ store });
    await as('acme', 'POST', AGENTS, {
      id: 'race',
      name: 'Race',
      specialty: 'sales',
      version: { version: '1.0.0', spec: spec() },
    });
    await as('acme', 'POST', `${AGENTS}/race/lifecycle`, { event: 'submit', version: '1.0.0' });
    await as('industry', 'POST', `${AGENTS}/race/lifecycle`, { event: 'certify' });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => as('acmeAdmin', 'POST', `${AGENTS}/race/lifecycle`, { event: 'deploy' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const deployed = publisher.published.filter((p) => (p.event.data as { to: string }).to === 'deployed');
    expect(deployed).toHaveLength(1);
    expect((await store.get('acme', 'race'))!.revision).toBe(4);
  });

  it('imports YAML idempotently, and deletes a retired agent with every version', async () => {
    const { as } = agentsHarness({ store });
    const file = (v: string) => ({ files: [{ name: 'invoice.yaml', content: invoiceAgentYaml(v) }] });
    const outcomes = await Promise.all([
      as('acme', 'POST', `${AGENTS}:import`, file('1.0.0')),
      as('acme', 'POST', `${AGENTS}:import`, file('1.0.0')),
    ]);
    expect(outcomes.map((r) => r.json().imported[0].outcome).sort()).toEqual(['created', 'unchanged']);
    await as('acme', 'POST', `${AGENTS}:import`, file('1.2.0'));
    expect((await store.versions('acme', 'invoice-helper')).map((v) => v.version).sort()).toEqual(['1.0.0', '1.2.0']);
    await as('acmeAdmin', 'POST', `${AGENTS}/invoice-helper/lifecycle`, { event: 'retire' });
    expect((await as('acmeAdmin', 'DELETE', `${AGENTS}/invoice-helper`)).status).toBe(204);
    const left = await db.collection(`tenants/acme/agents/invoice-helper/${agentCollections.versions}`).get();
    expect([await store.get('acme', 'invoice-helper'), left.size]).toEqual([undefined, 0]);
  });

  it('keeps what the broker refused in the outbox until the sweep takes it', async () => {
    const { as, publisher } = agentsHarness({ store });
    await as('acme', 'POST', AGENTS, { id: 'outbox', name: 'Outbox', specialty: 'research' });
    publisher.failNext();
    const retired = await as('acmeAdmin', 'POST', `${AGENTS}/outbox/lifecycle`, { event: 'retire' });
    expect([retired.status, retired.json().status]).toEqual([200, 'retired']);
    const waiting = await db.collection(agentCollections.outbox).where('orderingKey', '==', 'acme/outbox').get();
    expect(waiting.docs.map((d) => d.get('event.type'))).toEqual(['agent.status_changed']);
    const sweeper = new RecordingEventPublisher();
    expect(await store.drainOutbox(sweeper, new Date('2100-01-01T00:00:00Z'))).toBe(1);
    expect(sweeper.published.map((p) => [p.event.type, p.orderingKey])).toEqual([
      ['agent.status_changed', 'acme/outbox'],
    ]);
    expect((await db.collection(agentCollections.outbox).get()).size).toBe(0);
  });

  it('answers concurrent lookups (a cold PEP) from batched reads, each with its own record or nothing', async () => {
    await seedAgents(store, ...Array.from({ length: 30 }, (_, i) => agentRecord('batch', `b-${i}`)));
    const found = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.get(i % 2 ? 'batch' : 'other', `b-${i % 30}`)),
    );
    expect(found.map((r) => r?.id ?? null)).toEqual(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? `b-${i % 30}` : null)),
    );
  });

  it('keeps runs beside the agent and marks an upgrade for the sweep until it ends', async () => {
    const at = new Date('2026-12-07T10:00:00Z');
    await seedAgents(store, agentRecord('acme', 'runner', { certifiedVersions: ['1.0.0', '1.1.0'] }));
    const run = await store.registerRun('acme', 'runner', 'r1', at, 60_000, (a) => a!.deployedVersion!);
    expect(run).toEqual({
      runId: 'r1',
      version: '1.0.0',
      startedAt: at,
      leaseExpiresAt: new Date(at.getTime() + 60_000),
    });
    expect(await store.hasActiveRuns('acme', 'runner', at)).toBe(true);
    expect(await store.hasActiveRuns('acme', 'runner', new Date(at.getTime() + 61_000))).toBe(false);
    expect(await store.heartbeat('acme', 'runner', 'r1', new Date(at.getTime() + 61_000), 60_000)).toBeUndefined();
    await store.apply('acme', 'runner', undefined, (a) => ({
      record: { ...a!, upgrade: { from: '1.0.0', to: '1.1.0', step: 'draining', startedAt: at, by: 'user:u' } },
      events: [],
    }));
    expect(await store.upgradesInProgress(10)).toContainEqual({ tenant: 'acme', id: 'runner' });
    await store.apply('acme', 'runner', undefined, (a) => ({ record: { ...a!, upgrade: null }, events: [] }));
    expect(await store.upgradesInProgress(10)).not.toContainEqual({ tenant: 'acme', id: 'runner' });
    const end = new Date(at.getTime() + 1000);
    expect([
      await store.finishRun('acme', 'runner', 'r1', 'failed', end),
      await store.finishRun('acme', 'runner', 'r1', 'failed', end),
    ]).toEqual([true, false]);
    await store.registerRun('acme', 'runner', 'r2', at, 60_000, () => '1.0.0');
    await store.finishRun('acme', 'runner', 'r2', 'succeeded', end);
    expect(await store.runOutcomes('acme', 'runner', at)).toEqual({ ended: 2, failed: 1 });
    expect(await store.runOutcomes('acme', 'runner', new Date(end.getTime() + 1))).toEqual({ ended: 0, failed: 0 });
    await expect(store.registerRun('acme', 'runner', 'r1', at, 60_000, () => '1.0.0')).rejects.toThrow('has ended');
  });

  it('records each violation once and counts those in a window', async () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(await store.recordViolation('acme', 'v-bot', 'd1', at, ['deny-cross-tenant-agents'])).toBe(true);
    expect(await store.recordViolation('acme', 'v-bot', 'd1', at, ['deny-cross-tenant-agents'])).toBe(false);
    await store.recordViolation('acme', 'v-bot', 'd2', new Date(at.getTime() + 60_000), [
      'deny-trial-production-calls',
    ]);
    expect(await store.violationsSince('acme', 'v-bot', at)).toBe(2);
    expect(await store.violationsSince('acme', 'v-bot', new Date(at.getTime() + 1))).toBe(1);
  });
});
