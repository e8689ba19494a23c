/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { DEFAULT_POLICY_SET, PolicyEngine } from '@backbone/shared/policy';
import { AGENT_LIFECYCLE_V1, LifecycleDefinitions, type LifecycleDefinition } from '@backbone/shared/agents';
import { ManualClock, MemoryAgentStore, MemoryRegistryStore, MemoryTrialStore } from '@backbone/shared/testing';
import { ContextResolver, GOVERNANCE_CACHE_MS } from '../../pep-check/context';
import { agentsHarness, spec } from './harness';

const AGENTS = '/v1/tenants/acme/agents';
const BOT = `${AGENTS}/bot`;

async function draft(as: ReturnType<typeof agentsHarness>['as'], path = AGENTS, id = 'bot') {
  const res = await as('acme', 'POST', path, {
    id,
    name: 'Bot',
    specialty: 'sales',
    version: { version: '1.0.0', spec: spec() },
  });
  expect(res.status).toBe(201);
}
const step = (as: ReturnType<typeof agentsHarness>['as'], who: string, body: object, path = BOT) =>
  as(who, 'POST', `${path}/lifecycle`, body);

describe('the agent lifecycle (000#56)', () => {
  it('goes draft → submitted → rejected → submitted → certified → deployed ⇄ suspended → retired, each step audited and announced in order', async () => {
    const { as, audit, publisher } = agentsHarness();
    await draft(as);
    const path: [string, object, string][] = [
      ['acme', { event: 'submit', version: '1.0.0' }, 'submitted'],
      ['industry', { event: 'reject', reason: 'Tool list is missing a description' }, 'rejected'],
      ['acme', { event: 'submit', version: '1.0.0' }, 'submitted'],
      ['genesis', { event: 'certify' }, 'certified'],
      ['acmeAdmin', { event: 'deploy' }, 'deployed'],
      ['admin', { event: 'suspend', trigger: 'error_rate', reason: 'Errors above 10% for an hour' }, 'suspended'],
      ['admin', { event: 'reinstate', reason: 'Fixed upstream' }, 'deployed'],
      ['acmeAdmin', { event: 'retire', reason: 'Replaced' }, 'retired'],
    ];
    for (const [who, body, status] of path) {
      const res = await step(as, who, body);
      expect([res.status, res.json().status]).toEqual([200, status]);
    }
    const agent = (await as('acme', 'GET', BOT)).json().agent;
    expect(agent).toMatchObject({ rejections: 1, deployedVersion: '1.0.0', allowedEvents: [], revision: 9 });
    const changes = publisher.published.filter((p) => p.event.type === 'agent.status_changed');
    expect(changes.map((p) => (p.event.data as any).to)).toEqual(path.map(([, , s]) => s));
    expect(new Set(changes.map((p) => p.event.id)).size).toBe(path.length);
    const allowed = audit.entries.filter((e) => e.outcome === 'allow' && e.target.type === 'Agent');
    expect(allowed.map((e) => e.details?.event).filter(Boolean)).toEqual(path.map(([, b]) => (b as any).event));
    expect(allowed.find((e) => e.details?.event === 'suspend')?.details).toMatchObject({
      trigger: 'error_rate',
      from: 'deployed',
      to: 'suspended',
    });
  });

  it.each([
    ['deploy a draft', [], 'acmeAdmin', { event: 'deploy' }, 'draft'],
    ['certify a draft', [], 'industry', { event: 'certify' }, 'draft'],
    [
      'reinstate a deployed agent',
      ['submit', 'certify', 'deploy'],
      'admin',
      { event: 'reinstate', reason: 'x' },
      'deployed',
    ],
    ['submit a retired agent', ['retire'], 'acme', { event: 'submit', version: '1.0.0' }, 'retired'],
  ])(
    'refuses to %s with 409 AGENT-003 naming what is allowed, and changes nothing',
    async (_, before, who, body, status) => {
      const { as, store } = agentsHarness();
      await draft(as);
      const actors: Record<string, [string, object]> = {
        submit: ['acme', { event: 'submit', version: '1.0.0' }],
        certify: ['industry', { event: 'certify' }],
        deploy: ['acmeAdmin', { event: 'deploy' }],
        retire: ['acmeAdmin', { event: 'retire' }],
      };
      for (const event of before) expect((await step(as, ...actors[event]!)).status).toBe(200);
      const revision = (await store.get('acme', 'bot'))!.revision;
      const res = await step(as, who, body);
      expect([res.status, res.json().code, res.json().agentStatus]).toEqual([409, 'AGENT-003', status]);
      expect(res.json().allowed).toEqual(expect.any(Array));
      expect((await store.get('acme', 'bot'))!.revision).toBe(revision);
    },
  );

  it('submits only a version that exists', async () => {
    const { as } = agentsHarness();
    await draft(as);
    const res = await step(as, 'acme', { event: 'submit', version: '9.9.9' });
    expect([res.status, res.json().code]).toEqual([404, 'REQ-003']);
  });

  it('deletes only what is not live or in review, with its versions', async () => {
    const { as, store, publisher } = agentsHarness();
    await draft(as);
    await step(as, 'acme', { event: 'submit', version: '1.0.0' });
    const inReview = await as('acmeAdmin', 'DELETE', BOT);
    expect([inReview.status, inReview.json().code]).toEqual([409, 'AGENT-003']);
    await step(as, 'acmeAdmin', { event: 'retire' });
    expect((await as('acmeAdmin', 'DELETE', BOT)).status).toBe(204);
    expect([await store.get('acme', 'bot'), await store.versions('acme', 'bot')]).toEqual([undefined, []]);
    expect(publisher.types().at(-1)).toBe('agent.deleted');
    expect((await as('acmeAdmin', 'DELETE', BOT)).status).toBe(404);
  });

  it('keeps an agent on the definition it started on when a new one is deployed (v1 completes on v1)', async () => {
    // v2 of the pipeline: a suspended agent can no longer be reinstated, it must be resubmitted.
    const v2: LifecycleDefinition = {
      version: 2,
      initial: 'draft',
      transitions: {
        ...AGENT_LIFECYCLE_V1.transitions,
        reinstate: undefined,
        submit: { from: ['draft', 'rejected', 'suspended'], to: 'submitted' },
      },
    };
    const store = new MemoryAgentStore();
    const before = agentsHarness({ store, lifecycles: new LifecycleDefinitions([AGENT_LIFECYCLE_V1]) });
    await draft(before.as);
    /** Submitted, certified, deployed and then suspended, each step answered 200. */
    const deployThenSuspend = async (h: typeof before, suspension: object, path?: string) => {
      for (const [who, body] of [
        ['acme', { event: 'submit', version: '1.0.0' }],
        ['industry', { event: 'certify' }],
        ['acmeAdmin', { event: 'deploy' }],
        ['admin', { event: 'suspend', ...suspension }],
      ] as const)
        expect((await step(h.as, who, body, path)).status).toBe(200);
    };
    await deployThenSuspend(before, { trigger: 'customer_complaint', reason: 'Rude answers' });

    // The new definition ships; the running v1 agent finishes on v1, a new agent starts on v2.
    const after = agentsHarness({ store, lifecycles: new LifecycleDefinitions([AGENT_LIFECYCLE_V1, v2]) });
    const reinstated = await step(after.as, 'admin', { event: 'reinstate', reason: 'Apologised' });
    expect([reinstated.status, reinstated.json().status, reinstated.json().lifecycle]).toEqual([200, 'deployed', 1]);
    await draft(after.as, AGENTS, 'bot-two');
    const two = `${AGENTS}/bot-two`;
    expect((await after.as('acme', 'GET', two)).json().agent.lifecycle).toBe(2);
    await deployThenSuspend(after, { trigger: 'security_incident', reason: 'Leaked a key' }, two);
    const refused = await step(after.as, 'admin', { event: 'reinstate', reason: 'x' }, two);
    expect([refused.status, refused.json().lifecycle]).toEqual([409, 2]);
    expect((await step(after.as, 'acme', { event: 'submit', version: '1.0.0' }, two)).json().status).toBe('submitted');
  });

  it('leaves events the broker refused in the outbox, and the change stands', async () => {
    const { as, store, publisher } = agentsHarness();
    await draft(as);
    publisher.failNext();
    const res = await step(as, 'acme', { event: 'submit', version: '1.0.0' });
    expect([res.status, res.json().status]).toEqual([200, 'submitted']);
    expect([...(store as MemoryAgentStore).outbox.values()].map((e) => [e.event.type, e.orderingKey])).toEqual([
      ['agent.status_changed', 'acme/bot'],
    ]);
    // The sweep publishes it once its own publish had 30 s.
    expect(await store.drainOutbox(publisher, new Date('2026-12-07T10:00:29Z'))).toBe(0);
    expect(await store.drainOutbox(publisher, new Date('2026-12-07T10:00:31Z'))).toBe(1);
    expect(publisher.types().at(-1)).toBe('agent.status_changed');
  });
});

describe('what the PEP knows of an agent (000#55)', () => {
  it("denies a suspended agent's runs with its own reason, and allows them again once reinstated", async () => {
    const store = new MemoryAgentStore();
    const { as } = agentsHarness({ store });
    const clock = new ManualClock();
    const resolver = new ContextResolver({
      trials: new MemoryTrialStore(),
      registry: new MemoryRegistryStore(),
      agents: store,
      clock,
    });
    const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
    const run = async () =>
      resolver.decide(engine, {
        principal: { type: 'User', id: 'acme-user', portal: 'CP', tenant: 'acme', roles: [] },
        action: 'run',
        resource: { type: 'Agent', id: 'bot', tenant: 'acme' },
      });
    expect(await run()).toMatchObject({ decision: 'deny', reasons: ['deny-agent-not-deployed'] }); // unknown
    await draft(as);
    await step(as, 'acme', { event: 'submit', version: '1.0.0' });
    await step(as, 'industry', { event: 'certify' });
    await step(as, 'acmeAdmin', { event: 'deploy' });
    clock.advance(GOVERNANCE_CACHE_MS + 1);
    expect((await run()).decision).toBe('allow');
    await step(as, 'admin', { event: 'suspend', trigger: 'constitutional_violation', reason: 'Forbid policy hit' });
    clock.advance(GOVERNANCE_CACHE_MS + 1);
    expect(await run()).toMatchObject({ decision: 'deny', reasons: ['deny-agent-suspended'] });
  });
});
