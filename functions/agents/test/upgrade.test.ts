/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { RUN_LEASE_MS } from '@backbone/shared/agents';
import { captureLogs, invokeHttp } from '@backbone/shared/testing';
import { makeHandler as makeSweep } from '../../agent-upgrades/handler';
import { agentsHarness, BOT, spec, submittedBot } from './harness';

type Harness = ReturnType<typeof agentsHarness>;

async function verdict(h: Harness, requestId: string, outcome: 'certified' | 'rejected') {
  const payload = JSON.stringify({
    type: 'verdict',
    callbackId: `cb-${requestId}`,
    requestId,
    tenant: 'acme',
    agentId: 'bot',
    version: 'x',
    at: '2026-12-07T10:00:00Z',
    verdict: outcome,
  });
  const res = await h.genesis({}, { raw: payload });
  expect(res.status).toBe(200);
}

/** bot deployed on 1.0.0, with 1.1.0 certified beside it while 1.0.0 runs. */
async function deployedWithNext(h: Harness) {
  const submitted = await submittedBot(h);
  await verdict(h, submitted.json().certification.requestId, 'certified');
  expect((await h.as('acmeAdmin', 'POST', `${BOT}/lifecycle`, { event: 'deploy' })).json().status).toBe('deployed');
  await h.as('acme', 'POST', `${BOT}/versions`, { version: '1.1.0', spec: spec('Be brief.') });
  const requested = await h.as('acme', 'POST', `${BOT}/versions/1.1.0/certification`);
  expect([requested.status, requested.json().status]).toEqual([202, 'deployed']);
  await verdict(h, requested.json().certification.requestId, 'certified');
  const agent = (await h.as('acme', 'GET', BOT)).json().agent;
  expect(agent).toMatchObject({ status: 'deployed', deployedVersion: '1.0.0', certifiedVersions: ['1.0.0', '1.1.0'] });
}
/** The agent-upgrades job on the harness's store. */
const upgradesSweep = (h: Harness) =>
  makeSweep({
    store: h.store,
    publisher: h.publisher,
    clock: h.clock,
    source: 'backbone/agent-upgrades',
    logger: captureLogs().logger,
  });
const run = (h: Harness, runId: string) => h.as('runtime', 'POST', `${BOT}/runs`, { runId });

describe('upgrading a deployed agent during runs (000#15)', () => {
  it('pauses new runs, drains the active ones on the old version, switches, and resumes on the new one', async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    const first = await run(h, 'r1');
    expect([first.status, first.json().version]).toEqual([201, '1.0.0']);
    const upgrade = await h.as('acmeAdmin', 'POST', `${BOT}/upgrade`, { version: '1.1.0' });
    expect([upgrade.status, upgrade.json().progress, upgrade.json().agent.upgrade.step]).toEqual([
      202,
      'draining',
      'draining',
    ]);
    const waiting = await run(h, 'r2');
    expect([waiting.status, waiting.json().code, waiting.json().retryAfterSeconds]).toEqual([409, 'AGENT-003', 5]);
    // The running run keeps its version to the end.
    expect((await h.as('runtime', 'POST', `${BOT}/runs/r1/heartbeat`)).json().version).toBe('1.0.0');
    expect((await run(h, 'r1')).json().version).toBe('1.0.0');
    expect((await h.as('runtime', 'DELETE', `${BOT}/runs/r1`)).status).toBe(204);
    expect((await h.as('acme', 'GET', BOT)).json().agent).toMatchObject({ deployedVersion: '1.1.0', upgrade: null });
    expect((await run(h, 'r3')).json().version).toBe('1.1.0');
    expect(h.publisher.types().filter((t) => t.startsWith('agent.upgrade'))).toEqual([
      'agent.upgrade_started',
      'agent.upgraded',
    ]);
  });

  it('lets a run whose lease ran out go: its heartbeat is refused and the sweep completes the upgrade', async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    await run(h, 'stuck');
    await h.as('acmeAdmin', 'POST', `${BOT}/upgrade`, { version: '1.1.0' });
    const sweep = upgradesSweep(h);
    const fire = async () => (await invokeHttp(sweep, { method: 'POST', path: '/' })).json() as any;
    expect(await fire()).toEqual({ upgrading: 1, done: 0 });
    h.clock.advance(RUN_LEASE_MS + 1);
    const lost = await h.as('runtime', 'POST', `${BOT}/runs/stuck/heartbeat`);
    expect([lost.status, lost.json().code]).toEqual([409, 'AGENT-003']);
    expect(await fire()).toEqual({ upgrading: 1, done: 1 });
    expect(await fire()).toEqual({ upgrading: 0, done: 0 });
    expect((await h.store.get('acme', 'bot'))!.deployedVersion).toBe('1.1.0');
  });

  it('resumes an upgrade a crash left between its switch and its end', async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    const agent = (await h.store.get('acme', 'bot'))!;
    (h.store as any).put({
      ...agent,
      deployedVersion: '1.1.0',
      upgrade: { from: '1.0.0', to: '1.1.0', step: 'switched', startedAt: new Date(), by: 'user:x' },
    });
    expect((await run(h, 'during')).json().version).toBe('1.1.0'); // switched: runs already start on the new version
    const sweep = upgradesSweep(h);
    expect((await invokeHttp(sweep, { method: 'POST', path: '/' })).json()).toEqual({ upgrading: 1, done: 1 });
    expect((await h.store.get('acme', 'bot'))!.upgrade).toBeNull();
  });

  it.each([
    [
      'a version not certified',
      async (h: Harness) => h.as('acme', 'POST', `${BOT}/versions`, { version: '2.0.0', spec: spec() }),
      '2.0.0',
    ],
    ['the version it runs', async () => undefined, '1.0.0'],
  ])('refuses an upgrade to %s', async (_, prepare, version) => {
    const h = agentsHarness();
    await deployedWithNext(h);
    await prepare(h);
    const res = await h.as('acmeAdmin', 'POST', `${BOT}/upgrade`, { version });
    expect([res.status, res.json().code]).toEqual([409, 'AGENT-003']);
  });

  it("needs the tenant's admin to upgrade, and refuses runs of a suspended agent with its reason", async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    expect((await h.as('acme', 'POST', `${BOT}/upgrade`, { version: '1.1.0' })).status).toBe(403);
    await h.as('admin', 'POST', `${BOT}/lifecycle`, { event: 'suspend', trigger: 'security_incident', reason: 'Leak' });
    const refused = await run(h, 'r9');
    expect([refused.status, refused.json().reasons]).toEqual([403, ['deny-agent-suspended']]);
    expect((await h.as('acme', 'POST', `${BOT}/runs`, { runId: 'x' })).status).toBe(403); // users do not register runs
  });
});

describe('the error-rate trigger (000#55)', () => {
  it('suspends a deployed agent once more than 10% of at least 20 runs in the hour failed, and audits it', async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    const finish = async (runId: string, outcome: 'succeeded' | 'failed') => {
      expect((await run(h, runId)).status).toBe(201);
      expect((await h.as('runtime', 'DELETE', `${BOT}/runs/${runId}?outcome=${outcome}`)).status).toBe(204);
    };
    for (let i = 0; i < 18; i++) await finish(`ok-${i}`, 'succeeded');
    await finish('bad-1', 'failed'); // 1 of 19
    await finish('bad-2', 'failed'); // 2 of 20: 10%, not above it
    expect((await h.store.get('acme', 'bot'))!.status).toBe('deployed');
    await finish('bad-3', 'failed'); // 3 of 21
    expect((await h.as('acme', 'GET', BOT)).json().agent).toMatchObject({
      status: 'suspended',
      note: {
        event: 'suspend',
        trigger: 'error_rate',
        reason: '3 of 21 runs failed in the last hour (14%)',
        by: 'service:agents',
      },
    });
    expect(h.audit.entries.find((e) => e.action === 'agents.suspend')).toMatchObject({
      details: { ended: 21, failed: 3 },
    });
    expect((await run(h, 'after')).json().reasons).toEqual(['deny-agent-suspended']);
  });

  it('judges no agent on fewer than 20 runs, and ignores runs that ended over an hour ago', async () => {
    const h = agentsHarness();
    await deployedWithNext(h);
    for (let i = 0; i < 19; i++) {
      await run(h, `f-${i}`);
      await h.as('runtime', 'DELETE', `${BOT}/runs/f-${i}?outcome=failed`);
    }
    expect((await h.store.get('acme', 'bot'))!.status).toBe('deployed');
    h.clock.advance(3_600_001);
    await run(h, 'later');
    await h.as('runtime', 'DELETE', `${BOT}/runs/later?outcome=failed`);
    expect((await h.store.get('acme', 'bot'))!.status).toBe('deployed');
  });
});
