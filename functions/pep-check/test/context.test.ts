import {
  invokeHttp,
  ManualClock,
  MemoryAuditLog,
  MemoryRegistryStore,
  MemoryTrialStore,
  MemoryAgentStore,
  agentRecord,
} from '@backbone/shared/testing';
import { GOVERNANCE_CACHE_MS } from '../context';
import { makeHandler } from '../handler';
import { memoryPepDeps } from './memory-pep-deps';

const DAY = 86_400_000;
const START = new Date('2026-11-02T09:00:00Z');

function setup() {
  const clock = new ManualClock(START);
  const trials = new MemoryTrialStore();
  const registry = new MemoryRegistryStore();
  const agents = new MemoryAgentStore().put(agentRecord('globex', 'a1'), agentRecord('acme', 'a1'));
  const audit = new MemoryAuditLog();
  const handler = makeHandler(memoryPepDeps({ clock, trials, registry, agents, audit }));
  trials.trials.set('globex', {
    startedAt: START,
    endsAt: new Date(START.getTime() + 14 * DAY),
    actionsPerDay: 3,
    budgetCapCents: 1_000,
  });
  const decide = async (body: object) => {
    const res = await invokeHttp(handler, { method: 'POST', path: '/v1/pep/decide', body });
    expect(res.status).toBe(200);
    return res.json() as { decision: string; reasons: string[] };
  };
  const spend = (usageId: string, spendCents: number) =>
    invokeHttp(handler, {
      method: 'POST',
      path: '/v1/pep/trial-usage',
      body: { tenant: 'globex', usageId, spendCents },
    });
  return { clock, trials, registry, audit, decide, spend };
}

const owner = (tenant: string) => ({ type: 'User', id: `owner-${tenant}`, portal: 'CP', tenant, roles: [] });
const run = (tenant: string) => ({
  principal: owner(tenant),
  action: 'run',
  resource: { type: 'Agent', id: 'a1', tenant },
});
const call = (tenant: string, resource: object) => ({ principal: owner(tenant), action: 'call', resource });

describe('trial mode from Firestore counters (000#5, 000#24)', () => {
  it('allows a trial tenant its daily actions, denies the next, and starts again the next day', async () => {
    const { decide, clock, trials } = setup();
    for (let i = 0; i < 3; i++) expect((await decide(run('globex'))).decision).toBe('allow');
    expect(await decide(run('globex'))).toMatchObject({
      decision: 'deny',
      reasons: ['deny-trial-over-daily-actions'],
    });
    expect(trials.counters.get('globex')).toMatchObject({ actionsToday: 3 }); // a denied run is not counted
    clock.advance(DAY);
    expect((await decide(run('globex'))).decision).toBe('allow');
  });

  it('counts spend once per usage id and denies runs past the budget cap', async () => {
    const { decide, spend } = setup();
    expect((await spend('u-1', 600)).status).toBe(201);
    const again = await spend('u-1', 600);
    expect([again.status, again.json()]).toEqual([200, expect.objectContaining({ applied: false, spendCents: 600 })]);
    expect((await decide(run('globex'))).decision).toBe('allow');
    await spend('u-2', 400);
    expect(await decide(run('globex'))).toMatchObject({
      decision: 'deny',
      reasons: ['deny-trial-over-budget'],
    });
  });

  it('denies an expired trial until a Governor extension reaches the PEP', async () => {
    const { decide, clock, trials } = setup();
    clock.advance(14 * DAY);
    expect(await decide(run('globex'))).toMatchObject({ decision: 'deny', reasons: ['deny-trial-expired'] });
    await trials.extend('globex', new Date(clock.now().getTime() + 7 * DAY));
    clock.advance(GOVERNANCE_CACHE_MS);
    expect((await decide(run('globex'))).decision).toBe('allow');
  });

  it('neither limits nor counts a tenant that is not on a trial', async () => {
    const { decide, trials } = setup();
    for (let i = 0; i < 5; i++) expect((await decide(run('acme'))).decision).toBe('allow');
    expect(trials.counters.has('acme')).toBe(false);
  });

  it('records the context it decided with in the audit log', async () => {
    const { decide, audit } = setup();
    await decide(run('globex'));
    expect(audit.entries[0]!.details).toMatchObject({
      context: {
        trial: { expired: false, actionsToday: 0, actionsPerDay: 3, spendCents: 0, budgetCapCents: 1000 },
      },
    });
  });

  it('refuses bad spend reports with a 400 and counts nothing', async () => {
    const { spend, trials } = setup();
    for (const [id, cents] of [
      ['u 1', 5],
      ['u-1', 0],
      ['u-1', -5],
      ['u-1', 1.5],
    ] as const) {
      const res = await spend(id, cents);
      expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'REQ-001']);
    }
    expect(trials.counters.size).toBe(0);
  });
});

describe('allow-lists and the MCP registry (000#53, 004§4.3)', () => {
  const host = (id: string) => ({ type: 'ExternalHost', id });
  const mcp = (id: string) => ({ type: 'McpServer', id });

  it('denies a host on no list, allows it on the global or the own tenant list, not on another tenant list', async () => {
    const { decide, registry, clock } = setup();
    const later = () => clock.advance(GOVERNANCE_CACHE_MS); // what an instance read is trusted this long
    expect(await decide(call('acme', host('api.crm.example')))).toMatchObject({
      decision: 'deny',
      reasons: [],
    });
    registry.lists.set('initech', { hosts: [{ host: 'api.crm.example', sandbox: false }], mcpServers: [] });
    later();
    expect((await decide(call('acme', host('api.crm.example')))).decision).toBe('deny');
    registry.lists.set('acme', { hosts: [{ host: 'api.crm.example', sandbox: false }], mcpServers: [] });
    later();
    expect(await decide(call('acme', host('api.crm.example')))).toMatchObject({
      decision: 'allow',
      reasons: ['permit-allow-listed-calls'],
    });
    registry.lists.set('global', {
      hosts: [{ host: 'api.weather.example', sandbox: false }],
      mcpServers: [],
    });
    later();
    expect((await decide(call('initech', host('api.weather.example')))).decision).toBe('allow');
  });

  it('denies an MCP server that is listed but not registered, allows it once registered', async () => {
    const { decide, registry, clock } = setup();
    registry.lists.set('acme', { hosts: [], mcpServers: ['github-mcp'] });
    expect((await decide(call('acme', mcp('github-mcp')))).decision).toBe('deny');
    await registry.createMcpServer(
      'github-mcp',
      { name: 'GitHub', url: 'https://mcp.github.example', description: '', production: true },
      { by: 'admin', at: clock.now() },
    );
    clock.advance(GOVERNANCE_CACHE_MS);
    expect((await decide(call('acme', mcp('github-mcp')))).decision).toBe('allow');
  });

  it('keeps a trial tenant on sandbox targets: production servers and hosts are denied even when listed', async () => {
    const { decide, registry, clock } = setup();
    const at = clock.now();
    await registry.createMcpServer(
      'prod-erp',
      { name: 'ERP', url: 'https://erp.example', description: '', production: true },
      { by: 'a', at },
    );
    await registry.createMcpServer(
      'sandbox-erp',
      { name: 'ERP sandbox', url: 'https://sandbox.erp.example', description: '', production: false },
      { by: 'a', at },
    );
    registry.lists.set('globex', {
      hosts: [
        { host: 'api.bank.example', sandbox: false },
        { host: 'sandbox.bank.example', sandbox: true },
      ],
      mcpServers: ['prod-erp', 'sandbox-erp'],
    });
    expect(await decide(call('globex', mcp('prod-erp')))).toMatchObject({
      decision: 'deny',
      reasons: ['deny-trial-production-calls'],
    });
    expect((await decide(call('globex', mcp('sandbox-erp')))).decision).toBe('allow');
    expect((await decide(call('globex', host('api.bank.example')))).decision).toBe('deny');
    expect((await decide(call('globex', host('sandbox.bank.example')))).decision).toBe('allow');
  });

  it('does not let a sandbox mark in one list hide a host another list calls production', async () => {
    const { decide, registry } = setup();
    registry.lists.set('global', { hosts: [{ host: 'api.bank.example', sandbox: false }], mcpServers: [] });
    registry.lists.set('globex', { hosts: [{ host: 'api.bank.example', sandbox: true }], mcpServers: [] });
    expect((await decide(call('globex', host('api.bank.example')))).reasons).toEqual(['deny-trial-production-calls']);
  });
});
