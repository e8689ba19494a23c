import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { pepViolations } from '@backbone/shared/policy';
import {
  agentRecord,
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAgentStore,
  MemoryAuditLog,
  MemoryFailureRecorder,
  MemoryTrialStore,
  pubsubCloudEvent,
  RecordingEventPublisher,
} from '@backbone/shared/testing';
import { makeHandler as makePep } from '../../pep-check/handler';
import { makeHandler } from '../handler';
import { memoryPepDeps } from '../../pep-check/test/memory-pep-deps';

const NOW = new Date('2026-12-07T10:00:00Z');

function setup() {
  const store = new MemoryAgentStore().put(agentRecord('acme', 'bot'));
  const clock = new ManualClock(NOW);
  const publisher = new RecordingEventPublisher();
  const audit = new MemoryAuditLog();
  const trials = new MemoryTrialStore();
  const pep = makePep(memoryPepDeps({ clock, publisher, trials, agents: store, audit }));
  const violations = makeHandler({
    store,
    lifecycles: SHIPPED_LIFECYCLES,
    audit,
    publisher,
    clock,
    source: 'backbone/agent-violations',
    failures: new MemoryFailureRecorder(),
    logger: captureLogs().logger,
  });
  return { store, clock, publisher, audit, pep, violations };
}

/** An acme agent's action reaching into globex's agent: a constitutional forbid (deny-cross-tenant-agents). */
const trespass = {
  principal: { type: 'User', id: 'acme-user', portal: 'CP', tenant: 'acme', roles: [] },
  action: 'view',
  resource: { type: 'Agent', id: 'their-bot', tenant: 'globex' },
  agent: { id: 'bot', tenant: 'acme' },
};

describe('constitutional violations (000#55)', () => {
  it('are reported by the PEP against the acting agent, and only for constitutional forbids', async () => {
    const { pep, publisher } = setup();
    const denied = await invokeHttp(pep, { method: 'POST', path: '/v1/pep/decide', body: trespass });
    expect((denied.json() as { reasons: string[] }).reasons).toEqual(['deny-cross-tenant-agents']);
    // Denied by default (nothing permits it) is not a violation of the constitution.
    await invokeHttp(pep, {
      method: 'POST',
      path: '/v1/pep/decide',
      body: { ...trespass, action: 'suspend', resource: { type: 'Agent', id: 'bot', tenant: 'acme' } },
    });
    const reported = publisher.published.filter((p) => p.topic === pepViolations.name);
    expect(reported.map((p) => [p.orderingKey, (p.event.data as { policies: string[] }).policies])).toEqual([
      ['acme/bot', ['deny-cross-tenant-agents']],
    ]);
  });

  it('suspend the agent on the third within a day, counting a redelivered report once', async () => {
    const { pep, publisher, violations, store, audit } = setup();
    for (let i = 0; i < 3; i++) await invokeHttp(pep, { method: 'POST', path: '/v1/pep/decide', body: trespass });
    const reports = publisher.published.filter((p) => p.topic === pepViolations.name);
    await violations(pubsubCloudEvent(reports[0]!.event));
    await violations(pubsubCloudEvent(reports[0]!.event)); // redelivered
    await violations(pubsubCloudEvent(reports[1]!.event));
    expect((await store.get('acme', 'bot'))!.status).toBe('deployed');
    await violations(pubsubCloudEvent(reports[2]!.event));
    expect(await store.get('acme', 'bot')).toMatchObject({
      status: 'suspended',
      note: { trigger: 'constitutional_violation', by: 'service:agent-violations' },
    });
    expect(audit.entries.find((e) => e.action === 'agents.suspend')).toMatchObject({
      details: { trigger: 'constitutional_violation', violations: 3 },
    });
    expect(publisher.published.some((p) => p.event.type === 'agent.status_changed')).toBe(true);
  });

  it('forget violations older than a day', async () => {
    const { pep, publisher, violations, store, clock } = setup();
    for (let i = 0; i < 3; i++) await invokeHttp(pep, { method: 'POST', path: '/v1/pep/decide', body: trespass });
    const reports = publisher.published.filter((p) => p.topic === pepViolations.name);
    await violations(pubsubCloudEvent(reports[0]!.event));
    await violations(pubsubCloudEvent(reports[1]!.event));
    clock.advance(25 * 3_600_000);
    await violations(pubsubCloudEvent(reports[2]!.event));
    expect((await store.get('acme', 'bot'))!.status).toBe('deployed');
  });
});
