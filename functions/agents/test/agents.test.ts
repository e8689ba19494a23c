/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { agentsHarness, invoiceAgentYaml, spec } from './harness';

const AGENTS = '/v1/tenants/acme/agents';
const create = (id: string, extra: object = {}) => ({
  id,
  name: `Agent ${id}`,
  specialty: 'Customer Service',
  version: { version: '1.0.0', spec: spec() },
  ...extra,
});

describe('agents: the registry (004§2.1)', () => {
  it('registers an agent as a draft with its first version, canonical specialty and Location', async () => {
    const { as, publisher } = agentsHarness();
    const res = await as('acme', 'POST', AGENTS, create('billing-bot'));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${AGENTS}/billing-bot`);
    expect(res.json()).toMatchObject({
      tenant: 'acme',
      id: 'billing-bot',
      specialty: 'customer-support',
      status: 'draft',
      lifecycle: 1,
      latestVersion: '1.0.0',
      allowedEvents: ['submit', 'retire'],
      createdBy: 'user:acme-user',
    });
    expect(publisher.types()).toEqual(['agent.created', 'agent.version_added']);
    expect(publisher.published.every((p) => p.orderingKey === 'acme/billing-bot')).toBe(true);
    const again = await as('acme', 'POST', AGENTS, create('billing-bot'));
    expect([again.status, again.json().code]).toEqual([409, 'REQ-008']);
  });

  it('resolves specialty synonyms to one id (000#33) and refuses an unknown one with suggestions', async () => {
    const { as } = agentsHarness();
    const writing = await as('acme', 'POST', AGENTS, create('writer', { specialty: 'Content Writing' }));
    const creation = await as('acme', 'POST', AGENTS, create('creator', { specialty: 'content-creation' }));
    expect([writing.json().specialty, creation.json().specialty]).toEqual(['content-creation', 'content-creation']);
    const unknown = await as('acme', 'POST', AGENTS, create('x1', { specialty: 'Content Strategy' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json().issues[0]).toMatchObject({
      path: 'specialty',
      message: expect.stringContaining('content-creation'),
    });
    const suggested = await as('acme', 'GET', '/v1/agent-specialties?q=custmer%20suport');
    expect(suggested.json().specialties.map((s: any) => s.id)).toContain('customer-support');
    const filtered = await as('acme', 'GET', `${AGENTS}?specialty=Content%20Creation`);
    expect(filtered.json().agents.map((a: any) => a.id)).toEqual(['creator', 'writer']);
  });

  it('lists in id order a page at a time, by status', async () => {
    const { as } = agentsHarness();
    for (const id of ['c-agent', 'a-agent', 'b-agent']) await as('acme', 'POST', AGENTS, create(id));
    await as('acme', 'POST', `${AGENTS}/b-agent/lifecycle`, { event: 'submit', version: '1.0.0' });
    const first = await as('acme', 'GET', `${AGENTS}?limit=2`);
    expect(first.json().agents.map((a: any) => a.id)).toEqual(['a-agent', 'b-agent']);
    const second = await as('acme', 'GET', `${AGENTS}?limit=2&after=${first.json().next}`);
    expect([second.json().agents.map((a: any) => a.id), second.json().next]).toEqual([['c-agent'], undefined]);
    const submitted = await as('acme', 'GET', `${AGENTS}?status=submitted`);
    expect(submitted.json().agents.map((a: any) => a.id)).toEqual(['b-agent']);
  });

  it('keeps versions immutable: the same content again is a no-op, other content a 409, an older number a 409', async () => {
    const { as, publisher } = agentsHarness();
    await as('acme', 'POST', AGENTS, create('bot'));
    const v2 = { version: '1.1.0', spec: spec('Be brief.'), changelog: 'Shorter answers' };
    const added = await as('acme', 'POST', `${AGENTS}/bot/versions`, v2);
    expect([added.status, added.json().latestVersion, added.headers.location]).toEqual([
      201,
      '1.1.0',
      `${AGENTS}/bot/versions/1.1.0`,
    ]);
    const same = await as('acme', 'POST', `${AGENTS}/bot/versions`, v2);
    expect([same.status, same.json().versionCount]).toEqual([200, 2]);
    const changed = await as('acme', 'POST', `${AGENTS}/bot/versions`, { ...v2, spec: spec('Be long.') });
    expect([changed.status, changed.json().detail]).toEqual([409, expect.stringContaining('immutable')]);
    const older = await as('acme', 'POST', `${AGENTS}/bot/versions`, { version: '1.0.5', spec: spec() });
    expect([older.status, older.json().detail]).toEqual([409, expect.stringContaining('not after 1.1.0')]);
    const read = await as('acme', 'GET', `${AGENTS}/bot`);
    expect(read.json().versions.map((v: any) => [v.version, v.changelog])).toEqual([
      ['1.0.0', ''],
      ['1.1.0', 'Shorter answers'],
    ]);
    expect(read.json().versions[0].spec).toBeUndefined();
    const one = await as('acme', 'GET', `${AGENTS}/bot/versions/1.1.0`);
    expect(one.json()).toMatchObject({ version: '1.1.0', spec: { instructions: 'Be brief.' }, specHash: /^sha256:/ });
    expect(publisher.types().filter((t) => t === 'agent.version_added')).toHaveLength(2);
  });

  it('masks personal data in what people wrote before it is stored', async () => {
    const { as, store } = agentsHarness();
    await as(
      'acme',
      'POST',
      AGENTS,
      create('pii', { description: 'Escalate to jane.doe@acme.example or +91 98765 43210' }),
    );
    const stored = await store.get('acme', 'pii');
    expect(stored!.description).not.toContain('jane.doe@acme.example');
    expect(stored!.description).not.toContain('98765');
  });
});

describe('agents: YAML import (004§2.1)', () => {
  const file = (content: string, name = 'invoice-helper.yaml') => ({ files: [{ name, content }] });

  it('creates the agent from a YAML file, and importing it again changes nothing', async () => {
    const { as, publisher } = agentsHarness();
    const first = await as('acme', 'POST', `${AGENTS}:import`, file(invoiceAgentYaml()));
    expect(first.status).toBe(200);
    expect(first.json().imported).toEqual([
      { file: 'invoice-helper.yaml', agentId: 'invoice-helper', version: '1.0.0', outcome: 'created' },
    ]);
    const again = await as('acme', 'POST', `${AGENTS}:import`, file(invoiceAgentYaml()));
    expect(again.json().imported[0].outcome).toBe('unchanged');
    const next = await as('acme', 'POST', `${AGENTS}:import`, file(invoiceAgentYaml('1.1.0')));
    expect(next.json().imported[0].outcome).toBe('version_added');
    expect(publisher.types()).toEqual(['agent.created', 'agent.version_added', 'agent.version_added']);
    const agent = (await as('acme', 'GET', `${AGENTS}/invoice-helper`)).json().agent;
    expect(agent).toMatchObject({ specialty: 'finance-accounting', latestVersion: '1.1.0', status: 'draft' });
  });

  it('refuses the same version with other content, naming the file, and imports nothing', async () => {
    const { as } = agentsHarness();
    await as('acme', 'POST', `${AGENTS}:import`, file(invoiceAgentYaml()));
    const changed = await as('acme', 'POST', `${AGENTS}:import`, file(invoiceAgentYaml('1.0.0', 0.7)));
    expect([changed.status, changed.json().code]).toEqual([409, 'REQ-008']);
  });

  it.each([
    ['not YAML', 'name: [unclosed', /not valid YAML/],
    ['a duplicate key', `${invoiceAgentYaml()}name: Again\n`, /not valid YAML/],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      /not valid YAML/,
    ],
    ['an unknown field', `${invoiceAgentYaml()}owner: root\n`, /not a valid agent file/],
    ['a temperature out of range', invoiceAgentYaml('1.0.0', 7), /not a valid agent file/],
    ['a custom tag', `!!js/function "x"\n`, /not valid YAML|not a valid agent file/],
  ])('answers %s with a 400 naming the file, and imports nothing', async (_, content, detail) => {
    const { as, store } = agentsHarness();
    const res = await as('acme', 'POST', `${AGENTS}:import`, {
      files: [
        { name: 'good.yaml', content: invoiceAgentYaml() },
        { name: 'bad.yaml', content },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'REQ-001', detail: expect.stringMatching(detail) });
    expect(JSON.stringify(res.json())).toContain('bad.yaml');
    expect((await store.list('acme', {}, { limit: 10 })).agents).toEqual([]);
  });
});

describe('agents: permissions (004§1.3)', () => {
  it("refuses another tenant's users everything on acme's agents, and audits each denial", async () => {
    const { as, audit } = agentsHarness();
    await as('acme', 'POST', AGENTS, create('bot'));
    const attempts = await Promise.all([
      as('globexAdmin', 'GET', AGENTS),
      as('globexAdmin', 'GET', `${AGENTS}/bot`),
      as('globexAdmin', 'POST', AGENTS, create('intruder')),
      as('globexAdmin', 'DELETE', `${AGENTS}/bot`),
      as('globexAdmin', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'retire' }),
    ]);
    expect(attempts.map((r) => [r.status, r.json().code])).toEqual(Array(5).fill([403, 'POLICY-001']));
    const denials = audit.entries.filter((e) => e.outcome === 'deny');
    expect(denials).toHaveLength(5);
    expect(
      denials.every(
        (e) => e.actor.id === 'globex-admin' && (e.details?.reasons as string[]).includes('deny-cross-tenant-agents'),
      ),
    ).toBe(true);
  });

  it("needs the tenant's admin to deploy, retire or delete; a member may create, edit and submit", async () => {
    const { as } = agentsHarness();
    await as('acme', 'POST', AGENTS, create('bot'));
    expect((await as('acme', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'submit', version: '1.0.0' })).status).toBe(
      200,
    );
    await as('industry', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'certify' });
    for (const [method, path, body] of [
      ['POST', `${AGENTS}/bot/lifecycle`, { event: 'deploy' }],
      ['POST', `${AGENTS}/bot/lifecycle`, { event: 'retire' }],
      ['DELETE', `${AGENTS}/bot`, undefined],
    ] as const) {
      const res = await as('acme', method, path, body);
      expect([res.status, res.json().code]).toEqual([403, 'POLICY-001']);
    }
    expect((await as('acmeAdmin', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'deploy' })).json().status).toBe(
      'deployed',
    );
  });

  it('lets platform staff read agents and act by role, never create or edit them', async () => {
    const { as } = agentsHarness();
    await as('acme', 'POST', AGENTS, create('bot'));
    expect((await as('auditor', 'GET', `${AGENTS}/bot`)).status).toBe(200);
    expect((await as('governor', 'POST', AGENTS, create('staff-made'))).status).toBe(403);
    expect((await as('governor', 'POST', `${AGENTS}/bot/versions`, { version: '2.0.0', spec: spec() })).status).toBe(
      403,
    );
    await as('acme', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'submit', version: '1.0.0' });
    expect((await as('auditor', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'certify' })).status).toBe(403);
    expect((await as('genesis', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'certify' })).json().status).toBe(
      'certified',
    );
  });

  it("lets Industry Managers curate the marketplace (the platform tenant's agents), and no tenant's", async () => {
    const { as } = agentsHarness();
    const market = await as('industry', 'POST', '/v1/tenants/platform/agents', create('triage'));
    expect([market.status, market.json().tenant]).toEqual([201, 'platform']);
    expect((await as('industry', 'POST', AGENTS, create('meddling'))).status).toBe(403);
    expect((await as('auditor', 'POST', '/v1/tenants/platform/agents', create('nope'))).status).toBe(403);
    expect((await as('acmeAdmin', 'POST', '/v1/tenants/platform/agents', create('nope'))).status).toBe(403);
  });

  it('answers anonymous callers 401 and unknown agents 404, after the policy', async () => {
    const { as } = agentsHarness();
    expect((await as(undefined, 'GET', AGENTS)).status).toBe(401);
    const missing = await as('acme', 'GET', `${AGENTS}/nobody`);
    expect([missing.status, missing.json().code]).toEqual([404, 'REQ-003']);
    const elsewhere = await as('globexAdmin', 'GET', `${AGENTS}/nobody`);
    expect(elsewhere.status).toBe(403); // another tenant learns nothing of what exists
  });
});

describe('agents: hostile input', () => {
  it.each([
    ['a NUL in the name', 'POST', AGENTS, create('nul', { name: 'bad\u0000name' }), 400],
    ['a lone surrogate in the description', 'POST', AGENTS, create('sur', { description: 'x\uD800y' }), 400],
    ['an id with a slash', 'POST', AGENTS, create('a/b'), 400],
    ['a percent-escaped slash in the path', 'GET', `${AGENTS}/a%2Fb`, undefined, 400],
    ['a malformed escape in the path', 'GET', `${AGENTS}/%E0%A4%A`, undefined, 400],
    ['an invalid tenant id', 'GET', '/v1/tenants/ACME!/agents', undefined, 400],
    ['a version that is not semver', 'POST', AGENTS, create('v', { version: { version: '1.0', spec: spec() } }), 400],
    ['an unknown lifecycle event', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'launch' }, 400],
    ['a suspension without a trigger', 'POST', `${AGENTS}/bot/lifecycle`, { event: 'suspend', reason: 'x' }, 400],
    ['a deeply nested spec', 'POST', AGENTS, create('deep', { version: { version: '1.0.0', spec: nest(40) } }), 400],
    ['a wrong type', 'POST', AGENTS, { ...create('t'), name: 42 }, 400],
    [
      'too many import files',
      'POST',
      `${AGENTS}:import`,
      { files: Array(21).fill({ name: 'a.yaml', content: 'x' }) },
      400,
    ],
    ['a huge body', 'POST', AGENTS, create('huge', { description: 'x'.repeat(1_100_000) }), 413],
    ['an upgrade to no version', 'POST', `${AGENTS}/bot/upgrade`, { version: 'latest' }, 400],
    ['a handoff clearance without a reason', 'DELETE', `${AGENTS}/bot/handoff-escalation`, undefined, 400],
    ['a certification request for no version', 'POST', `${AGENTS}/bot/versions/x.y/certification`, undefined, 400],
  ])('answers %s with a 4xx problem and changes nothing', async (_, method, path, body, status) => {
    const { as, store } = agentsHarness();
    const res = await as('acmeAdmin', method, path, body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await store.list('acme', {}, { limit: 10 })).agents).toEqual([]);
  });
});

describe("agents: the runtime's hostile input", () => {
  it.each([
    ['a run id with a slash', 'POST', `${AGENTS}/bot/runs`, { runId: 'a/b' }],
    ['a run id with a NUL', 'POST', `${AGENTS}/bot/runs`, { runId: 'a\u0000b' }],
    ['a run id too long', 'POST', `${AGENTS}/bot/runs`, { runId: 'r'.repeat(200) }],
    ['an unknown run outcome', 'DELETE', `${AGENTS}/bot/runs/r1?outcome=crashed`, undefined],
    ['a percent-escaped slash in a run id', 'POST', `${AGENTS}/bot/runs/a%2Fb/heartbeat`, undefined],
  ])('answers %s with 400 and registers nothing', async (_, method, path, body) => {
    const { as, store } = agentsHarness();
    const res = await as('runtime', method, path, body);
    expect([res.status, res.json().code]).toEqual([400, 'REQ-001']);
    expect((store as unknown as { runs: Map<string, unknown> }).runs.size).toBe(0);
  });
});

function nest(depth: number): object {
  let value: object = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}
