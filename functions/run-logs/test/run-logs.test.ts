/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { runLogsHandler } from './harness';
import { runSteps, STEP_KINDS } from '@backbone/shared/runlogs';
import {
  captureLogs,
  invokeHttp,
  MemoryAuditLog,
  MemoryFailureRecorder,
  MemoryRunLogs,
  pubsubCloudEvent,
} from '@backbone/shared/testing';
import { makeHandler as makeIntake } from '../../run-log-intake/handler';
import { CANARIES, canaryStep, model, pii } from './canary-steps';

const step = canaryStep;

function setup() {
  const store = new MemoryRunLogs();
  const logs = captureLogs('run-logs');
  const audit = new MemoryAuditLog();
  const handler = runLogsHandler({ store, audit, logger: logs.logger });
  const send = async (steps: object[], who = 'runtime') => {
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/runs/steps:batch',
      headers: { authorization: `Bearer ${who}` },
      body: { steps },
    });
    return { ...res, json: () => res.json() as any };
  };
  const read = async (who: string, path = '/v1/tenants/acme/agents/bot/runs/run-1/steps') => {
    const res = await invokeHttp(handler, { method: 'GET', path, headers: { authorization: `Bearer ${who}` } });
    return { ...res, json: () => res.json() as any };
  };
  return { store, logs, send, read, audit };
}

describe('step-log intake (004§1.1, 004§1.2)', () => {
  it('stores every step kind masked: no canary PII or secret in any stored field or log line', async () => {
    const { store, logs, send } = setup();
    const res = await send(STEP_KINDS.map((kind, i) => step(i, kind)));
    expect(res.json().results.map((r: any) => r.outcome)).toEqual(STEP_KINDS.map(() => 'stored'));
    const stored = JSON.stringify([...store.stored.values()]);
    for (const canary of CANARIES) {
      expect(stored).not.toContain(canary);
      expect(JSON.stringify(logs.records)).not.toContain(canary);
    }
    expect(stored).toContain('[REDACTED_EMAIL]');
    expect((await store.steps('acme', 'bot', 'run-1')).map((s) => s.kind)).toEqual([...STEP_KINDS]);
  });

  it('keeps a model call’s metadata with its cost from the price table (004§1.2)', async () => {
    const { store, send } = setup();
    await send([step(3, 'model_call')]);
    const [stored] = await store.steps('acme', 'bot', 'run-1');
    // 1,200 tokens at 1.25 per million + 300 at 10 per million, in micro-units.
    expect(stored!.model).toMatchObject({
      model: 'gemini-2.5-pro',
      temperature: 0,
      tokensIn: 1200,
      costMicros: 4500,
      currency: 'USD',
    });
    expect(stored!.durationMs).toBe(1250);
  });

  it('takes a free model call (costMicros 0) as priced', async () => {
    const { store, send } = setup();
    const free = { ...model, price: undefined, costMicros: 0 };
    expect((await send([step(0, 'model_call', { model: free })])).status).toBe(200);
    expect((await store.steps('acme', 'bot', 'run-1'))[0]!.model!.costMicros).toBe(0);
  });

  it('refuses a model call without its metadata, listing what is missing, and stores nothing of the batch', async () => {
    const { store, send } = setup();
    const res = await send([step(0, 'input'), step(1, 'model_call', { model: { provider: 'vertex-ai', model: 'm' } })]);
    expect([res.status, res.json().code]).toEqual([400, 'REQ-001']);
    expect(JSON.stringify(res.json().issues)).toContain(
      'temperature, tokensIn, tokensOut, finishReason, latencyMs, costMicros or price',
    );
    expect(JSON.stringify(res.json())).not.toContain(CANARIES[0]);
    expect(store.stored.size).toBe(0);
  });

  it('takes steps out of order and once each: the same content again is a duplicate, other content a conflict', async () => {
    const { store, send } = setup();
    await send([step(2, 'final_answer'), step(0, 'input')]);
    const again = await send([
      step(0, 'input'),
      step(2, 'final_answer', { text: 'a different answer' }),
      step(1, 'tool_call'),
    ]);
    expect(again.json().results.map((r: any) => [r.step, r.outcome])).toEqual([
      [0, 'duplicate'],
      [2, 'conflict'],
      [1, 'stored'],
    ]);
    expect((await store.steps('acme', 'bot', 'run-1')).map((s) => s.step)).toEqual([0, 1, 2]);
    expect((await store.steps('acme', 'bot', 'run-1'))[2]!.text).toContain('step 2:');
  });

  it.each([
    ['a user (only the runtime reports steps)', [step(0, 'input')], 'user', 403],
    ['an unknown kind', [step(0, 'thought' as 'input')], 'runtime', 400],
    ['model metadata on a tool call', [step(0, 'tool_call', { model })], 'runtime', 400],
    ['a NUL in the text', [step(0, 'input', { text: 'a\u0000b' })], 'runtime', 400],
    ['another field', [step(0, 'input', { secret: 'x' })], 'runtime', 400],
    ['more than 100 steps', Array.from({ length: 101 }, (_, i) => step(i, 'input')), 'runtime', 400],
  ])('answers %s with a 4xx problem and stores nothing', async (_, steps, who, status) => {
    const { store, send } = setup();
    const res = await send(steps as object[], who as string);
    expect([res.status, res.headers['content-type']]).toEqual([
      status,
      expect.stringContaining('application/problem+json'),
    ]);
    expect(store.stored.size).toBe(0);
  });
});

describe('run logs, read under audit (000#21, 000#52)', () => {
  it("gives the tenant's users everything, platform staff the metadata only, another tenant nothing; each read recorded", async () => {
    const { send, read, audit } = setup();
    await send([step(0, 'input'), step(1, 'model_call')]);
    const own = await read('user');
    expect(own.json().fields).toContain('text');
    expect(own.json().steps[0].text).toContain('[REDACTED_EMAIL]');
    for (const staff of ['auditor', 'governor']) {
      const res = await read(staff);
      expect([res.status, res.json().fields.includes('text'), res.json().fields.includes('payload')]).toEqual([
        200,
        false,
        false,
      ]);
      expect(res.json().steps[1]).toEqual(
        expect.objectContaining({ kind: 'model_call', model: expect.objectContaining({ tokensIn: 1200 }) }),
      );
      expect(res.json().steps[1].text).toBeUndefined();
    }
    const other = await read('globex');
    expect([other.status, other.json().code]).toEqual([403, 'POLICY-001']);
    const records = audit.entries.filter((e) => e.action === 'runs.read');
    expect(records.map((e) => [e.actor.id, e.outcome, (e.details?.fields as string[]).includes('text')])).toEqual([
      ['u', 'allow', true],
      ['aud', 'allow', false],
      ['gov', 'allow', false],
      ['g', 'deny', false],
    ]);
    expect(records[0]!.target).toEqual({ type: 'Run', id: 'acme/bot/run-1' });
  });

  it('answers an unknown run 404 after recording the read, and hostile ids 400', async () => {
    const { read, audit } = setup();
    expect((await read('user', '/v1/tenants/acme/agents/bot/runs/nothing/steps')).status).toBe(404);
    expect(audit.entries.filter((e) => e.action === 'runs.read')).toHaveLength(1);
    expect((await read('user', '/v1/tenants/acme/agents/bot/runs/a%2Fb/steps')).status).toBe(400);
    expect((await read('runtime', '/v1/tenants/acme/agents/bot/runs/run-1/steps')).status).toBe(403);
  });
});

describe('model call metadata, queryable per tenant, agent and period (004§1.2)', () => {
  it('lists the model calls newest first with their settings and cost, never what the steps said', async () => {
    const { send, read } = setup();
    const at = (day: string) => ({ startedAt: `${day}T09:00:00.000Z`, endedAt: `${day}T09:00:02.000Z` });
    await send([
      step(1, 'model_call', at('2026-12-06')),
      step(3, 'model_call', { ...at('2026-12-07'), runId: 'run-2' }),
      step(5, 'model_call', { ...at('2026-12-07'), agentId: 'other', runId: 'run-3' }),
      step(6, 'model_call', { ...at('2026-11-01'), runId: 'run-4' }),
      step(2, 'tool_output', at('2026-12-07')),
    ]);
    const day = (await read('user', '/v1/tenants/acme/model-calls')).json();
    expect(day.from).toBe('2026-12-06T11:00:00.000Z');
    expect(day.calls.map((c: any) => [c.runId, c.agentId])).toEqual([
      ['run-2', 'bot'],
      ['run-3', 'other'],
    ]); // the last 24 hours: run-1's call, the day before at 09:00, is older
    expect(day.calls[0].model).toMatchObject({
      provider: 'vertex-ai',
      temperature: 0,
      tokensIn: 1200,
      costMicros: 4500,
    });
    expect(JSON.stringify(day)).not.toContain('step 3');
    const bot = (
      await read('user', '/v1/tenants/acme/model-calls?agent=bot&from=2026-10-01T00:00:00Z&to=2026-12-07T00:00:00Z')
    ).json();
    expect(bot.calls.map((c: any) => c.runId)).toEqual(['run-1', 'run-4']);
    expect((await read('globex', '/v1/tenants/acme/model-calls')).status).toBe(403);
    expect((await read('auditor', '/v1/tenants/acme/model-calls')).json().calls).toHaveLength(2);
    for (const bad of [
      '?from=2026-12-08T00:00:00Z&to=2026-12-01T00:00:00Z',
      '?limit=201',
      '?agent=%00',
      '?from=yesterday',
    ])
      expect((await read('user', `/v1/tenants/acme/model-calls${bad}`)).status).toBe(400);
  });
});

describe('step records over Pub/Sub (run-log-intake)', () => {
  const message = (data: object, id = 'm-1') =>
    pubsubCloudEvent(
      runSteps.event('run.step_recorded', {
        id,
        source: 'agent-runtime',
        subject: 'acme/run-1',
        time: new Date('2026-12-07T10:00:00Z'),
        tenant: 'acme',
        data: data as Record<string, unknown>,
      }),
      id,
    );

  it('stores the same records masked, once, and dead-letters what it refuses without its PII', async () => {
    const store = new MemoryRunLogs();
    const failures = new MemoryFailureRecorder();
    const logs = captureLogs('run-log-intake');
    const intake = makeIntake({ store, failures, logger: logs.logger });
    await intake(message(step(0, 'tool_output')));
    await intake(message(step(0, 'tool_output'), 'm-2')); // redelivered under another message id
    expect(store.stored.size).toBe(1);
    await intake(message(step(1, 'model_call', { model: { provider: 'x' } }), 'm-3'));
    await intake(message(step(0, 'tool_output', { text: `other ${pii}` }), 'm-4'));
    expect(failures.letters.size).toBe(2);
    // Text no store can take is the sender's error: dead-lettered, not thrown for Pub/Sub to retry.
    await intake(message(step(2, 'input', { text: 'broken \uD800 text' }), 'm-5'));
    expect([failures.letters.size, store.stored.size]).toEqual([3, 1]);
    const everything = JSON.stringify([[...store.stored.values()], [...failures.letters.values()], logs.records]);
    for (const canary of CANARIES) expect(everything).not.toContain(canary);
  });
});
