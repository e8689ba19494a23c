/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { decide, newApproval, ApprovalRefusedError } from '@backbone/shared/approvals';
import { approvalsHarness, HOUR, T0 } from './harness';

describe('approval_required from the PEP (000#54)', () => {
  it('opens one request per principal, action and resource, and answers from its standing', async () => {
    const { askDelete, audit, call } = approvalsHarness();
    const first = (await askDelete()).json();
    expect(first).toMatchObject({ decision: 'approval_required', reasons: ['tenant-deletes-own-data-with-approval'] });
    expect(first.approvalId).toMatch(/^apr_/);
    expect((await askDelete()).json().approvalId).toBe(first.approvalId);
    expect((await askDelete('customer-43')).json().approvalId).not.toBe(first.approvalId);
    expect(audit.entries.filter((e) => e.action === 'approvals.requested')).toHaveLength(2);
    // The PEP's own audit record says what it answered.
    expect(audit.entries.filter((e) => e.action === 'pep.delete').map((e) => e.outcome)).toEqual([
      'approval_required',
      'approval_required',
      'approval_required',
    ]);
    const view = (await call('governor', 'GET', `/v1/approvals/${first.approvalId}`)).json();
    expect(view).toMatchObject({
      status: 'pending',
      approver: 'platform_governor',
      deadlineAt: new Date(T0.getTime() + 24 * HOUR).toISOString(),
      chain: [
        { role: 'platform_governor', deadlineAt: new Date(T0.getTime() + 24 * HOUR).toISOString() },
        { role: 'deputy_governor', deadlineAt: new Date(T0.getTime() + 28 * HOUR).toISOString() },
      ],
    });
    // The requester sees their own request; another tenant's user or nobody does not.
    expect((await call('owner', 'GET', `/v1/approvals/${first.approvalId}`)).status).toBe(200);
    expect((await call('owner', 'GET', '/v1/approvals')).status).toBe(403);
  });

  it('lets the action through for 24 hours once the Governor approves, then asks again', async () => {
    const { askDelete, call, clock, audit } = approvalsHarness();
    const { approvalId } = (await askDelete()).json();
    expect((await call('auditor', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'approve' })).status).toBe(
      403,
    );
    expect((await call('deputy', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'approve' })).status).toBe(
      403,
    );
    expect((await call('stale', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'approve' })).status).toBe(
      403,
    );
    const approved = await call('governor', 'POST', `/v1/approvals/${approvalId}/decision`, {
      verdict: 'approve',
      note: 'Confirmed with asha.rao@example.co.in',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'gov' });
    const allowed = (await askDelete()).json();
    expect(allowed).toMatchObject({ decision: 'allow', approvalId, obligations: [`approval:${approvalId}`] });
    expect((await call('governor2', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'veto' })).status).toBe(
      409,
    );
    const verdicts = audit.entries.filter((e) => e.action.startsWith('approvals.approved'));
    expect(verdicts.map((e) => [e.actor.id, e.outcome])).toEqual([
      ['aud', 'deny'],
      ['dep', 'deny'],
      ['gov-stale', 'deny'],
      ['gov', 'allow'],
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain('asha.rao@example.co.in');
    clock.advance(24 * HOUR + 1);
    const again = (await askDelete()).json();
    expect(again.decision).toBe('approval_required');
    expect(again.approvalId).not.toBe(approvalId);
  });

  it('stores the parties masked: an id that is personal data never reaches the request', async () => {
    const { askDelete, approvals, audit } = approvalsHarness();
    const { approvalId } = (await askDelete('asha.rao@example.co.in')).json();
    expect(JSON.stringify(await approvals.get(approvalId))).not.toContain('asha.rao@example.co.in');
    expect(JSON.stringify(audit.entries)).not.toContain('asha.rao@example.co.in');
    // The same ask still finds its request (the key is of the ids as asked).
    expect((await askDelete('asha.rao@example.co.in')).json().approvalId).toBe(approvalId);
  });

  it('denies for 24 hours after a veto', async () => {
    const { askDelete, call } = approvalsHarness();
    const { approvalId } = (await askDelete()).json();
    await call('governor', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'veto' });
    expect((await askDelete()).json()).toMatchObject({ decision: 'deny', reasons: ['approval-vetoed'], approvalId });
  });
});

describe('deadlines (approvals-sweeper)', () => {
  it("escalates to the Deputy after 24 h and denies after the Deputy's 4 h, each step once", async () => {
    const { askDelete, call, clock, sweep, audit } = approvalsHarness();
    const { approvalId } = (await askDelete()).json();
    expect((await sweep()).json()).toEqual({ escalated: 0, expired: 0, announced: 0 });
    clock.advance(24 * HOUR);
    expect((await sweep()).json()).toEqual({ escalated: 1, expired: 0, announced: 1 });
    expect((await sweep()).json()).toEqual({ escalated: 0, expired: 0, announced: 0 }); // fired again: nothing twice
    const view = (await call('deputy', 'GET', `/v1/approvals/${approvalId}`)).json();
    expect(view).toMatchObject({ status: 'pending', approver: 'deputy_governor' });
    clock.advance(4 * HOUR);
    await Promise.all([sweep(), sweep()]);
    expect((await call('deputy', 'GET', `/v1/approvals/${approvalId}`)).json().status).toBe('expired');
    expect((await askDelete()).json()).toMatchObject({ decision: 'deny', reasons: ['approval-expired'] });
    expect(audit.entries.filter((e) => e.target.id === approvalId).map((e) => e.action)).toEqual([
      'approvals.requested',
      'approvals.escalated',
      'approvals.expired',
    ]);
    expect((await call('deputy', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'approve' })).status).toBe(
      409,
    );
  });

  it("takes the Deputy's approval after escalation (and still the Governor's)", async () => {
    const { askDelete, call, clock, sweep } = approvalsHarness();
    const { approvalId } = (await askDelete()).json();
    clock.advance(24 * HOUR + 1);
    await sweep();
    const res = await call('deputy', 'POST', `/v1/approvals/${approvalId}/decision`, { verdict: 'approve' });
    expect(res.json()).toMatchObject({ status: 'approved', decidedBy: 'dep' });
    expect((await askDelete()).json().decision).toBe('allow');
  });
});

describe('announcements (approval-events)', () => {
  it('announces each step once to its approver role, and the sweeper announces what a broker outage lost', async () => {
    const { askDelete, publisher, clock, sweep } = approvalsHarness();
    const { approvalId } = (await askDelete()).json();
    await askDelete(); // asked again: no second announcement
    expect(publisher.published.map((p) => [p.topic, p.event.type, (p.event.data as any).approverRole])).toEqual([
      ['approval-events', 'approval.requested', 'platform_governor'],
    ]);
    expect(publisher.published[0]!.event.id).toBe(`approval.requested:${approvalId}:0`);
    publisher.failNext();
    const lost = (await askDelete('customer-77')).json();
    expect(lost.decision).toBe('approval_required'); // the answer does not wait for the broker
    expect((await sweep()).json()).toMatchObject({ announced: 1 });
    expect(publisher.published.at(-1)!.event.id).toBe(`approval.requested:${lost.approvalId}:0`);
    clock.advance(24 * HOUR);
    await sweep();
    expect(
      publisher.published
        .filter((p) => p.event.type === 'approval.escalated')
        .map((p) => (p.event.data as any).approverRole),
    ).toEqual(['deputy_governor', 'deputy_governor']);
  });
});

describe('approval rules', () => {
  it('refuses the requester as approver, even a Governor', () => {
    const request = newApproval({
      id: 'apr_1',
      action: 'suspend',
      principal: { type: 'User', id: 'gov' },
      resource: { type: 'Agent', id: 'bot', tenant: 'acme' },
      reason: 'x',
      now: T0,
    });
    expect(() => decide(request, { id: 'gov', roles: ['platform_governor'] }, 'approve', T0)).toThrow(
      ApprovalRefusedError,
    );
    expect(decide(request, { id: 'gov2', roles: ['platform_governor'] }, 'approve', T0).status).toBe('approved');
  });

  it.each([
    ['GET', '/v1/approvals/not-an-id', null],
    ['GET', '/v1/approvals/apr_%00', null],
    ['GET', '/v1/approvals?status=maybe', null],
    ['POST', '/v1/approvals/apr_x/decision', { verdict: 'maybe' }],
    ['POST', '/v1/approvals/apr_x/decision', { verdict: 'approve', extra: 1 }],
    ['POST', '/v1/approvals/apr_x/decision', { verdict: 'approve', note: 'x'.repeat(5000) }],
  ])('answers %s %s with a 4xx problem', async (method, path, body: object | null) => {
    const { call } = approvalsHarness();
    const res = await call('governor', method, path, body ?? undefined);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an unknown request 404', async () => {
    const { call } = approvalsHarness();
    expect((await call('governor', 'GET', '/v1/approvals/apr_unknown')).status).toBe(404);
    expect((await call('governor', 'POST', '/v1/approvals/apr_unknown/decision', { verdict: 'approve' })).status).toBe(
      404,
    );
  });
});
