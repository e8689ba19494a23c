import { approvalsHarness, HOUR } from './harness';

const TOOL = { type: 'McpServer', id: 'erp-prod' };
const request = {
  action: 'call',
  resource: TOOL,
  reason: 'Payroll agent stuck: unblock the ERP export now',
  minutes: 30,
};

describe('break-glass (000#51)', () => {
  it('opens after two approvers other than the requester, lets exactly that action through until it expires, every use audited', async () => {
    const { call, askAsGovernor, audit, clock } = approvalsHarness();
    // Denied by default before: the ERP production server is not allow-listed.
    expect((await askAsGovernor('call', TOOL)).json().decision).toBe('deny');
    expect((await call('deputy', 'POST', '/v1/break-glass', request)).status).toBe(403); // only a Governor asks
    const asked = await call('governor', 'POST', '/v1/break-glass', request);
    expect(asked.status).toBe(201);
    const id = asked.json().id;
    expect(asked.json()).toMatchObject({ status: 'pending', minutes: 30, requester: 'gov' });
    expect((await call('governor', 'POST', `/v1/break-glass/${id}/approvals`)).status).toBe(403); // own request
    const one = await call('governor2', 'POST', `/v1/break-glass/${id}/approvals`);
    expect(one.json()).toMatchObject({ status: 'pending', approvals: [{ by: 'gov2' }] });
    expect((await call('governor2', 'POST', `/v1/break-glass/${id}/approvals`)).status).toBe(409); // counts once
    expect((await askAsGovernor('call', TOOL)).json().decision).toBe('deny'); // one approver: still closed
    const two = await call('deputy', 'POST', `/v1/break-glass/${id}/approvals`);
    expect(two.json()).toMatchObject({ status: 'active', approvals: [{ by: 'gov2' }, { by: 'dep' }] });
    expect(two.json().reviewDueAt).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString());

    const used = (await askAsGovernor('call', TOOL)).json();
    expect(used).toMatchObject({ decision: 'allow', reasons: ['break-glass'], obligations: [`break-glass:${id}`] });
    // Only the requester, only that action and resource.
    expect((await askAsGovernor('call', TOOL, 'gov2')).json().decision).toBe('deny');
    expect((await askAsGovernor('call', { type: 'McpServer', id: 'other-prod' })).json().decision).toBe('deny');
    clock.advance(30 * 60_000);
    expect((await askAsGovernor('call', TOOL)).json().decision).toBe('deny'); // expired
    const uses = audit.entries.filter((e) => e.action === 'break-glass.used');
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ actor: { id: 'gov' }, target: { id } });
    expect((await call('auditor', 'GET', `/v1/break-glass/${id}`)).json()).toMatchObject({
      uses: 1,
      status: 'expired',
    });

    expect((await call('governor', 'POST', `/v1/break-glass/${id}/review`, { note: 'fine' })).status).toBe(403);
    const reviewed = await call('deputy', 'POST', `/v1/break-glass/${id}/review`, { note: 'Justified; export fixed.' });
    expect(reviewed.json().review).toMatchObject({ by: 'dep', note: 'Justified; export fixed.' });
    expect(audit.entries.filter((e) => e.target.id === id).map((e) => [e.action, e.outcome])).toEqual([
      ['break-glass.requested', 'pending'],
      ['break-glass.approved', 'deny'],
      ['break-glass.approved', 'allow'],
      ['break-glass.approved', 'deny'],
      ['break-glass.activated', 'allow'],
      ['break-glass.used', 'allow'],
      ['break-glass.reviewed', 'deny'],
      ['break-glass.reviewed', 'allow'],
    ]);
  });

  it("never opens Genesis' verdicts, and refuses stale sign-ins and non-staff", async () => {
    const { call } = approvalsHarness();
    for (const action of ['approve', 'override'])
      expect(
        (
          await call('governor', 'POST', '/v1/break-glass', {
            ...request,
            action,
            resource: { type: 'Agent', id: 'bot', tenant: 'acme' },
          })
        ).status,
      ).toBe(400);
    expect((await call('stale', 'POST', '/v1/break-glass', request)).status).toBe(403);
    expect((await call('owner', 'POST', '/v1/break-glass', request)).status).toBe(403);
    expect((await call('owner', 'GET', '/v1/break-glass')).status).toBe(403);
    for (const bad of [
      { ...request, minutes: 61 },
      { ...request, reason: 'short' },
      { ...request, action: 'fly' },
      { ...request, resource: { type: 'Planet', id: 'x' } },
      { ...request, extra: true },
    ])
      expect((await call('governor', 'POST', '/v1/break-glass', bad)).status).toBe(400);
    expect((await call('governor', 'POST', '/v1/break-glass/bg_unknown/approvals')).status).toBe(404);
    expect((await call('governor', 'GET', '/v1/break-glass/nope')).status).toBe(400);
  });
});
