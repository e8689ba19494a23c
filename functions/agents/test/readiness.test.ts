import { agentsHarness, BOT, spec, submittedBot } from './harness';

async function certified(h: ReturnType<typeof agentsHarness>, agentSpec: object) {
  await submittedBot(h, agentSpec);
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

describe('the handoff retry policy (000#20)', () => {
  it('escalates the third refused handoff within 7 days to the platform admins, who take it back', async () => {
    const h = agentsHarness();
    await certified(h, {
      ...spec(),
      integrations: [{ name: 'crm', credentialExpiresAt: '2026-12-01T00:00:00Z', rateLimitPerMinute: 60 }],
    });
    const deploy = () => h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' });
    const first = await deploy();
    expect([first.status, first.json().handoffRejections, first.json().escalated]).toEqual([409, 1, false]);
    h.clock.advance(8 * 86_400_000); // a refusal over 7 days old no longer counts
    await deploy();
    const third = await deploy();
    expect([third.json().handoffRejections, third.json().escalated]).toEqual([2, false]);
    const fourth = await deploy();
    expect([fourth.status, fourth.json().handoffRejections, fourth.json().escalated]).toEqual([409, 3, true]);
    expect(h.publisher.types()).toContain('agent.handoff_escalated');
    const stopped = await deploy();
    expect([stopped.status, stopped.json().detail]).toEqual([
      409,
      expect.stringContaining('escalated to the platform admins'),
    ]);
    expect((await h.as('acmeAdmin', 'DELETE', `${BOT}/handoff-escalation?reason=retry`)).status).toBe(403);
    const cleared = await h.as('admin', 'DELETE', `${BOT}/handoff-escalation?reason=Credential%20renewed`);
    expect([cleared.status, cleared.json().handoff]).toEqual([200, { rejections: [], escalated: false }]);
    expect((await deploy()).json().handoffRejections).toBe(1); // still failing its checks, counted afresh
    const again = await h.as('admin', 'DELETE', `${BOT}/handoff-escalation?reason=x`);
    expect([again.status, again.json().code]).toEqual([409, 'AGENT-003']);
  });
});
