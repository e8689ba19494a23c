import { provisioningEvents } from '@backbone/shared/billing';
import { SHIPPED_LIFECYCLES, type AgentVersion } from '@backbone/shared/agents';
import {
  agentRecord,
  captureLogs,
  ManualClock,
  MemoryAgentStore,
  MemoryAuditLog,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  RecordingEventPublisher,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';

const version: AgentVersion = {
  version: '2.1.0',
  spec: {
    model: { provider: 'vertex-ai', name: 'gemini', temperature: 0 },
    instructions: 'Triage tickets.',
    tools: [],
    mcpServers: [],
    integrations: [],
  },
  changelog: 'SLA tiers',
  specHash: 'sha256:template',
  author: 'user:im',
  createdAt: new Date('2026-12-01T00:00:00Z'),
};
const certification = {
  requestId: 'agent.status_changed:platform~support-triage@2',
  version: '2.1.0',
  requestedAt: new Date('2026-12-01T00:00:00Z'),
  stage: 'decided',
  percent: 100,
  callbacks: ['cb-1'],
};

function setup(options: { subscription?: { tenantId: string; priceId: string } | null } = {}) {
  const store = new MemoryAgentStore().put(
    agentRecord('platform', 'support-triage', {
      specialty: 'customer-support',
      deployedVersion: '2.1.0',
      candidateVersion: '2.1.0',
      latestVersion: '2.1.0',
      certification,
    }),
    agentRecord('platform', 'draft-only', { status: 'draft', deployedVersion: null }),
    agentRecord('acme', 'own-agent', { status: 'deployed' }),
  );
  store.versionsOf.set('platform/support-triage', new Map([['2.1.0', version]]));
  const publisher = new RecordingEventPublisher();
  const audit = new MemoryAuditLog();
  const failures = new MemoryFailureRecorder();
  const subscription =
    options.subscription === undefined ? { tenantId: 'acme', priceId: 'price_growth' } : options.subscription;
  const handler = makeHandler({
    store,
    subscriptions: { of: async () => subscription ?? undefined },
    plans: { price_growth: ['support-triage', 'draft-only', 'own-agent'] },
    lifecycles: SHIPPED_LIFECYCLES,
    audit,
    publisher,
    clock: new ManualClock(new Date('2026-12-07T12:00:00Z')),
    source: 'backbone/agent-provisioner',
    failures,
    logger: captureLogs().logger,
  });
  return { store, publisher, audit, failures, handler };
}
const request = (type: 'provisioning.requested' | 'provisioning.cancelled', sagaId = 'saga-1') =>
  pubsubCloudEvent(
    provisioningEvents.event(type, {
      id: `${type}:${sagaId}`,
      source: 'backbone/provisioning-saga',
      subject: 'sub_acme',
      time: new Date('2026-12-07T12:00:00Z'),
      tenant: 'acme',
      data: { tenantId: 'acme', subscriptionId: 'sub_acme', sagaId },
    }),
  );

describe('agent-provisioner: a checkout ends in provisioned agents (000#3)', () => {
  it("copies the price's marketplace agent to the tenant, deployed on its certified version, once", async () => {
    const { store, publisher, audit, handler } = setup();
    await handler(request('provisioning.requested'));
    await handler(request('provisioning.requested')); // a redelivery
    expect(await store.get('acme', 'support-triage')).toMatchObject({
      tenant: 'acme',
      status: 'deployed',
      deployedVersion: '2.1.0',
      specialty: 'customer-support',
      certification,
      origin: { template: 'platform/support-triage', sagaId: 'saga-1' },
      createdBy: 'service:agent-provisioner',
    });
    expect((await store.versions('acme', 'support-triage'))[0]).toMatchObject({
      version: '2.1.0',
      specHash: 'sha256:template',
      spec: version.spec,
    });
    expect(publisher.published.map((p) => [p.event.type, p.orderingKey])).toEqual([
      ['agent.provisioned', 'acme/support-triage'],
    ]);
    expect(audit.entries.map((e) => [e.action, e.target.id])).toEqual([['agents.provision', 'acme/support-triage']]);
  });

  it("provisions neither a marketplace agent that is not deployed nor over the tenant's own agent of that id", async () => {
    const { store, handler } = setup();
    await handler(request('provisioning.requested'));
    expect(await store.get('acme', 'draft-only')).toBeUndefined();
    expect((await store.get('acme', 'own-agent'))!.origin).toBeNull();
  });

  it('waits for the subscription the webhook has not applied yet (Pub/Sub delivers again)', async () => {
    const { handler, failures } = setup({ subscription: null });
    await expect(handler(request('provisioning.requested'))).rejects.toThrow('not recorded yet');
    expect(failures.letters.size).toBe(0);
  });

  it("dead-letters a request whose subscription is another tenant's, provisioning nothing", async () => {
    const { handler, failures, store } = setup({ subscription: { tenantId: 'globex', priceId: 'price_growth' } });
    await handler(request('provisioning.requested'));
    expect([failures.letters.size, await store.get('acme', 'support-triage')]).toEqual([1, undefined]);
  });

  it('retires what a cancelled saga provisioned, and nothing else', async () => {
    const { store, publisher, handler } = setup();
    await handler(request('provisioning.requested'));
    await handler(request('provisioning.cancelled', 'another-saga'));
    expect((await store.get('acme', 'support-triage'))!.status).toBe('deployed');
    await handler(request('provisioning.cancelled'));
    await handler(request('provisioning.cancelled'));
    expect([
      (await store.get('acme', 'support-triage'))!.status,
      (await store.get('acme', 'own-agent'))!.status,
    ]).toEqual(['retired', 'deployed']);
    expect(publisher.types()).toEqual(['agent.provisioned', 'agent.status_changed']);
  });
});
