/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { invokeHttp } from '@backbone/shared/testing';
import { agentsHarness, BOT, submittedBot } from './harness';

type Harness = ReturnType<typeof agentsHarness>;

async function submitted(h: Harness) {
  return (await submittedBot(h)).json().certification.requestId as string;
}

let seq = 0;
const callback = (h: Harness, body: object, options?: { secret?: string; at?: number; raw?: string }) =>
  h.genesis(body, options);
const verdict = (requestId: string, verdict: 'certified' | 'rejected', extra: object = {}) => ({
  type: 'verdict',
  callbackId: `cb-${++seq}`,
  requestId,
  tenant: 'acme',
  agentId: 'bot',
  version: '1.0.0',
  at: '2026-12-07T10:05:00Z',
  verdict,
  reason: verdict === 'rejected' ? 'Conformity below threshold' : '',
  ...extra,
});

describe('Genesis callbacks (000#2)', () => {
  it('records progress, certifies on the verdict, and answers a redelivered callback without effect', async () => {
    const h = agentsHarness();
    const requestId = await submitted(h);
    const progress = { ...verdict(requestId, 'certified'), type: 'progress', stage: 'conformity_runs', percent: 40 };
    delete (progress as any).verdict;
    delete (progress as any).reason;
    expect((await callback(h, progress)).json()).toEqual({ received: true, outcome: 'applied' });
    expect((await h.as('acme', 'GET', BOT)).json().agent.certification).toMatchObject({
      stage: 'conformity_runs',
      percent: 40,
    });
    const decided = verdict(requestId, 'certified');
    expect((await callback(h, decided)).json().outcome).toBe('applied');
    expect((await callback(h, decided)).json().outcome).toBe('duplicate');
    const agent = (await h.as('acme', 'GET', BOT)).json().agent;
    expect(agent).toMatchObject({
      status: 'certified',
      updatedBy: 'service:genesis',
      certification: { stage: 'decided' },
    });
    const audited = h.audit.entries.filter((e) => e.actor.id === 'genesis' && e.outcome === 'allow');
    expect(audited.map((e) => e.details?.type)).toEqual(['progress', 'verdict', 'verdict']);
    expect(h.publisher.types().filter((t) => t === 'agent.status_changed')).toHaveLength(2); // submit, certify
  });

  it("masks the personal data in Genesis' reason before the agent's note keeps it", async () => {
    const h = agentsHarness();
    const requestId = await submitted(h);
    await callback(h, verdict(requestId, 'rejected', { reason: 'Leaked asha.rao@example.co.in in a tool output' }));
    const note = (await h.store.get('acme', 'bot'))!.note!;
    expect(note.reason).not.toContain('asha.rao@example.co.in');
    expect(note.reason).toContain('[REDACTED_EMAIL]');
  });

  it('ignores a verdict for a request the agent has moved past', async () => {
    const h = agentsHarness();
    await submitted(h);
    const res = await callback(h, verdict('agent.status_changed:acme~bot@1', 'certified'));
    expect(res.json().outcome).toBe('stale');
    expect((await h.as('acme', 'GET', BOT)).json().agent.status).toBe('submitted');
  });

  it.each([
    ['another secret', { secret: 'not-the-genesis-secret-at-all' }],
    ['a replayed signature (10 minutes old)', { at: Math.floor(Date.now() / 1000) - 600 }],
  ])('refuses a callback signed with %s (400 WEBHOOK-001), changing nothing', async (_, options) => {
    const h = agentsHarness();
    const requestId = await submitted(h);
    const res = await callback(h, verdict(requestId, 'certified'), options);
    expect([res.status, (res.json() as any).code]).toEqual([400, 'WEBHOOK-001']);
    expect((await h.as('acme', 'GET', BOT)).json().agent.status).toBe('submitted');
  });

  it.each([
    ['no signature header', undefined],
    ['a malformed header', 't=abc,v1=zz'],
  ])('refuses %s', async (_, header) => {
    const h = agentsHarness();
    const res = await invokeHttp(h.handler, {
      method: 'POST',
      path: '/v1/genesis/callbacks',
      headers: { 'content-type': 'application/json', ...(header ? { 'genesis-signature': header } : {}) },
      body: '{}',
    });
    expect([res.status, (res.json() as any).code]).toEqual([400, 'WEBHOOK-001']);
  });

  it('answers a signed body that is not JSON with 400 REQ-002', async () => {
    const h = agentsHarness();
    const res = await callback(h, {}, { raw: '{"type": "verdict",' });
    expect([res.status, res.json().code]).toEqual([400, 'REQ-002']);
  });

  it('refuses a signed body that is not a callback with a 400 naming the problem', async () => {
    const h = agentsHarness();
    const res = await callback(h, { type: 'verdict', verdict: 'maybe' });
    expect([res.status, (res.json() as any).code]).toEqual([400, 'REQ-001']);
  });
});

describe('three rejections escalate to the Platform Governor (000#17)', () => {
  async function rejectedThrice(h: Harness) {
    for (let i = 0; i < 3; i++) {
      const requestId =
        i === 0
          ? await submitted(h)
          : (await h.as('acme', 'POST', `${BOT}/lifecycle`, { event: 'submit', version: '1.0.0' })).json().certification
              .requestId;
      expect((await callback(h, verdict(requestId, 'rejected'))).json().outcome).toBe('applied');
    }
  }

  it('escalates on the third rejection, refusing resubmission until the Governor decides', async () => {
    const h = agentsHarness();
    await rejectedThrice(h);
    const agent = (await h.as('acme', 'GET', BOT)).json().agent;
    expect(agent).toMatchObject({ status: 'rejected', rejections: 3, escalated: true });
    expect(h.publisher.types()).toContain('agent.escalated');
    const again = await h.as('acme', 'POST', `${BOT}/lifecycle`, { event: 'submit', version: '1.0.0' });
    expect([again.status, again.json().code, again.json().detail]).toEqual([
      409,
      'AGENT-003',
      expect.stringContaining('Platform Governor'),
    ]);
    const admin = await h.as('admin', 'POST', `${BOT}/lifecycle`, { event: 'override', reason: 'I say so' });
    expect([admin.status, admin.json().reasons]).toEqual([403, ['deny-override-without-governor']]);
    expect((await h.as('acmeAdmin', 'DELETE', BOT)).status).toBe(409); // the decision's record stays
  });

  it('lets the Governor override to certified, audited with the reason', async () => {
    const h = agentsHarness();
    await rejectedThrice(h);
    const res = await h.as('governor', 'POST', `${BOT}/lifecycle`, {
      event: 'override',
      reason: 'Reviewed: false positives',
    });
    expect(res.json()).toMatchObject({ status: 'certified', escalated: false, rejections: 0 });
    const decision = h.audit.entries.find((e) => e.details?.event === 'override');
    expect(decision).toMatchObject({
      actor: { id: 'gov' },
      outcome: 'allow',
      details: { reason: 'Reviewed: false positives' },
    });
    expect((await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' })).json().status).toBe('deployed');
  });

  it('lets the Governor block it for good: never resubmitted, retired or deleted', async () => {
    const h = agentsHarness();
    await rejectedThrice(h);
    expect(
      (await h.as('governor', 'POST', `${BOT}/lifecycle`, { event: 'block', reason: 'Unsafe' })).json().status,
    ).toBe('blocked');
    for (const [who, method, path, body] of [
      ['acme', 'POST', `${BOT}/lifecycle`, { event: 'submit', version: '1.0.0' }],
      ['acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'retire' }],
      ['acmeAdmin', 'DELETE', BOT, undefined],
    ] as const) {
      const res = await h.as(who, method, path, body);
      expect([res.status, res.json().code]).toEqual([409, 'AGENT-003']);
    }
    const block = await h.as('governor', 'POST', `${BOT}/lifecycle`, { event: 'block', reason: 'again' });
    expect(block.status).toBe(409);
  });

  it('refuses a Governor decision on an agent that is not escalated', async () => {
    const h = agentsHarness();
    const requestId = await submitted(h);
    await callback(h, verdict(requestId, 'rejected'));
    const res = await h.as('governor', 'POST', `${BOT}/lifecycle`, { event: 'override', reason: 'x' });
    expect([res.status, res.json().code]).toEqual([409, 'AGENT-003']);
  });
});

describe('conformity runs and decertification (000#23, 000#55)', () => {
  it('keeps the three conformity runs of a verdict with their median and deviation, warning above 10% variation', async () => {
    const steady = agentsHarness();
    const requestId = await submitted(steady);
    await callback(steady, verdict(requestId, 'certified', { conformity: [91, 93, 92] }));
    expect((await steady.as('acme', 'GET', BOT)).json().agent.conformity).toEqual({
      runs: [91, 93, 92],
      median: 92,
      stdDev: 0.8165,
      variation: 0.0089,
      warning: false,
    });
    const noisy = agentsHarness();
    await callback(noisy, verdict(await submitted(noisy), 'certified', { conformity: [95, 60, 88] }));
    expect((await noisy.as('acme', 'GET', BOT)).json().agent.conformity).toMatchObject({ median: 88, warning: true });
    const two = await callback(noisy, verdict('x', 'certified', { conformity: [1, 2] }));
    expect(two.status).toBe(400); // exactly three runs
  });

  it("suspends a deployed agent Genesis decertifies, naming the trigger, and the PEP's reason follows", async () => {
    const h = agentsHarness();
    const requestId = await submitted(h);
    await callback(h, verdict(requestId, 'certified'));
    await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' });
    const res = await callback(h, {
      type: 'decertification',
      callbackId: 'cb-decert',
      requestId,
      tenant: 'acme',
      agentId: 'bot',
      version: '1.0.0',
      at: '2026-12-08T00:00:00Z',
      reason: 'Model provider deprecated the certified model',
    });
    expect(res.json().outcome).toBe('applied');
    expect((await h.as('acme', 'GET', BOT)).json().agent).toMatchObject({
      status: 'suspended',
      note: { trigger: 'genesis_decertification', by: 'service:genesis' },
    });
  });
});
