import { agentsHarness, spec } from './harness';

const AGENTS = '/v1/tenants/acme/agents';
const BOT = `${AGENTS}/bot`;

async function certified(h: ReturnType<typeof agentsHarness>, agentSpec: object) {
  await h.as('acme', 'POST', AGENTS, {
    id: 'bot',
    name: 'Bot',
    specialty: 'sales',
    version: { version: '1.0.0', spec: agentSpec },
  });
  await h.as('acme', 'POST', `${BOT}/lifecycle`, { event: 'submit', version: '1.0.0' });
  expect((await h.as('industry', 'POST', `${BOT}/lifecycle`, { event: 'certify' })).json().status).toBe('certified');
}

describe('go-live readiness (000#28)', () => {
  it('refuses to deploy with every failing check listed, and deploys once they pass', async () => {
    const h = agentsHarness();
    await certified(h, {
      ...spec(),
      mcpServers: ['github', 'stripe-docs', 'unregistered'],
      integrations: [
        { name: 'crm', credentialExpiresAt: '2026-12-01T00:00:00Z', rateLimitPerMinute: 60 },
        { name: 'mail', credentialExpiresAt: '2027-12-01T00:00:00Z' },
      ],
    });
    h.registry.lists.set('global', { hosts: [], mcpServers: ['github'] });
    h.registry.lists.set('acme', { hosts: [], mcpServers: ['stripe-docs'] }); // a tenant's own list counts
    h.probe.down.add('https://github.mcp.example');
    const readiness = await h.as('acme', 'GET', `${BOT}/readiness`);
    expect(readiness.json()).toEqual({
      version: '1.0.0',
      ready: false,
      failures: [
        { check: 'credential_expired', subject: 'crm', message: 'the crm credential expired at 2026-12-01T00:00:00Z' },
        { check: 'mcp_not_allowed', subject: 'unregistered', message: 'MCP server unregistered is not registered' },
        { check: 'mcp_unreachable', subject: 'github', message: 'MCP server github did not answer' },
        { check: 'rate_limit_unknown', subject: 'mail', message: expect.stringContaining('rateLimitPerMinute') },
      ],
    });
    const refused = await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' });
    expect([refused.status, refused.json().code, refused.json().failures.length]).toEqual([409, 'AGENT-003', 4]);
    expect((await h.store.get('acme', 'bot'))!.status).toBe('certified');
  });

  it('refuses an MCP server registered but on no allow-list of the tenant', async () => {
    const h = agentsHarness();
    await certified(h, { ...spec(), mcpServers: ['github'] });
    h.registry.lists.set('global', { hosts: [], mcpServers: [] });
    h.registry.lists.set('globex', { hosts: [], mcpServers: ['github'] }); // another tenant's list does not count
    const res = await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' });
    expect(res.json().failures).toEqual([expect.objectContaining({ check: 'mcp_not_allowed', subject: 'github' })]);
  });

  it('deploys an agent whose checks all pass', async () => {
    const h = agentsHarness();
    await certified(h, {
      ...spec(),
      integrations: [{ name: 'crm', credentialExpiresAt: '2027-06-01T00:00:00Z', rateLimitPerMinute: 60 }],
    });
    expect((await h.as('acme', 'GET', `${BOT}/readiness`)).json()).toEqual({
      version: '1.0.0',
      ready: true,
      failures: [],
    });
    expect((await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' })).json().status).toBe('deployed');
  });
});
