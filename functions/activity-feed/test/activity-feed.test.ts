/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { ingestSteps, type StepInput } from '@backbone/shared/runlogs';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAuditLog,
  MemoryRunLogs,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const runSteps = (tenant: string, run: string, outcome: 'success' | 'error' = 'success'): StepInput[] =>
  (['input', 'final_answer'] as const).map((kind, step) => ({
    tenant,
    agentId: 'support',
    agentVersion: '1.0.0',
    runId: run,
    step,
    kind,
    text: 'asha.rao@example.co.in',
    ...(kind === 'final_answer' ? { outcome } : {}),
    startedAt: '2026-12-07T10:00:00.000Z',
    endedAt: '2026-12-07T10:00:01.000Z',
  }));

function setup(timings = { lifetimeMs: 400, heartbeatMs: 60 }) {
  const feed = new MemoryRunLogs();
  const audit = new MemoryAuditLog();
  const handler = makeHandler(
    {
      feed,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      clock: new ManualClock(new Date('2026-12-07T12:00:00Z')),
      source: 'backbone/activity-feed',
      timings,
      logger: captureLogs('activity-feed').logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        user: { kind: 'user', uid: 'u', portal: 'CP', tenant: 'acme', roles: [] },
        globex: { kind: 'user', uid: 'g', portal: 'CP', tenant: 'globex', roles: [] },
        auditor: { kind: 'user', uid: 'aud', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
      }),
    },
  );
  const get = async (who: string, path: string, headers: Record<string, string> = {}, signal?: AbortSignal) => {
    const res = await invokeHttp(handler, {
      method: 'GET',
      path,
      headers: { authorization: `Bearer ${who}`, ...headers },
      ...(signal ? { signal } : {}),
    });
    return { ...res, json: () => res.json() as any };
  };
  return { feed, audit, get };
}

/** The events of an SSE body: id, event and parsed data; comments and `retry` left out. */
function events(text: string) {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => {
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1];
      return { id: field('id'), event: field('event'), data: JSON.parse(field('data')!) };
    });
}

describe('GET /v1/activity (000#25)', () => {
  it('pages newest first, 50 at a time, with a cursor that stays stable while items arrive', async () => {
    const { feed, get } = setup();
    for (let r = 0; r < 60; r++) await ingestSteps(feed, runSteps('acme', `run-${r}`));
    const first = (await get('user', '/v1/activity')).json();
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ type: 'run.succeeded', runId: 'run-59', agentId: 'support' });
    expect(JSON.stringify(first)).not.toContain('asha.rao');
    // New runs between pages do not shift the next page.
    for (let r = 60; r < 65; r++) await ingestSteps(feed, runSteps('acme', `run-${r}`));
    const second = (await get('user', `/v1/activity?cursor=${first.nextCursor}`)).json();
    const third = (await get('user', `/v1/activity?cursor=${second.nextCursor}`)).json();
    expect(second.items).toHaveLength(50);
    expect(third.items).toHaveLength(20);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i: any) => i.id);
    expect(new Set(ids).size).toBe(120);
    expect(third.items.at(-1)).toMatchObject({ type: 'run.started', runId: 'run-0' });
    expect((await get('user', '/v1/activity?limit=3')).json().items.map((i: any) => i.runId)).toEqual([
      'run-64',
      'run-64',
      'run-63',
    ]);
  });

  it('keeps tenants apart and refuses hostile cursors with a 400 problem', async () => {
    const { feed, get, audit } = setup();
    await ingestSteps(feed, runSteps('acme', 'run-1'));
    expect((await get('globex', '/v1/activity')).json().items).toEqual([]);
    expect((await get('globex', '/v1/activity?tenant=acme')).status).toBe(403);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'usage.view', outcome: 'deny' });
    expect((await get('auditor', '/v1/activity?tenant=acme')).json().items).toHaveLength(2);
    for (const cursor of [
      'nope!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      'A'.repeat(900),
      '%00',
      Buffer.from('[1,2,"x"').toString('base64url'),
    ]) {
      const res = await get('user', `/v1/activity?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('user', '/v1/activity?limit=51')).status).toBe(400);
  });
});

describe('GET /v1/stream/activity (000#22)', () => {
  it('streams what is committed after it opens, with heartbeats, and ends at its lifetime', async () => {
    const { feed, get } = setup();
    await ingestSteps(feed, runSteps('acme', 'before'));
    const streaming = get('user', '/v1/stream/activity');
    await new Promise((r) => setTimeout(r, 100));
    await ingestSteps(feed, runSteps('acme', 'live', 'error'));
    await ingestSteps(feed, runSteps('globex', 'not-yours'));
    const res = await streaming;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.text).toMatch(/^retry: \d+\n\n/);
    expect(res.text).toContain(': heartbeat\n\n');
    const received = events(res.text);
    expect(received.map((e) => [e.event, e.data.runId])).toEqual([
      ['run.started', 'live'],
      ['run.failed', 'live'],
    ]);
    expect(received[1]!.id).toBe(received[1]!.data.cursor);
  });

  it('resumes after Last-Event-ID with everything committed since, once', async () => {
    const { feed, get } = setup({ lifetimeMs: 150, heartbeatMs: 1000 });
    for (let r = 0; r < 3; r++) await ingestSteps(feed, runSteps('acme', `run-${r}`));
    const page = (await get('user', '/v1/activity')).json();
    const lastSeen = page.items[3].cursor; // run-1's start: run-1's end and run-2 come after it
    const res = await get('user', '/v1/stream/activity', { 'last-event-id': lastSeen });
    expect(events(res.text).map((e) => e.data.id)).toEqual(['support~run-1~1', 'support~run-2~0', 'support~run-2~1']);
    expect((await get('user', '/v1/stream/activity', { 'last-event-id': 'garbage!' })).status).toBe(400);
    expect((await get('globex', '/v1/stream/activity?tenant=acme')).status).toBe(403);
  });

  it('ends once it has sent a window of 500 items, and the client resumes after the last one', async () => {
    const { feed, get } = setup({ lifetimeMs: 60_000, heartbeatMs: 60_000 });
    await ingestSteps(feed, runSteps('acme', 'first'));
    const first = (await get('user', '/v1/activity?limit=1')).json().items[0].cursor;
    for (let r = 0; r < 260; r++) await ingestSteps(feed, runSteps('acme', `run-${r}`)); // 520 items
    const started = Date.now();
    const one = events((await get('user', '/v1/stream/activity', { 'last-event-id': first })).text);
    expect(one).toHaveLength(500);
    expect(Date.now() - started).toBeLessThan(5_000); // not its 60 s lifetime
    const resumed = await get(
      'user',
      '/v1/stream/activity',
      { 'last-event-id': one.at(-1)!.id! },
      AbortSignal.timeout(300),
    );
    const two = events(resumed.text);
    expect(two).toHaveLength(20);
    expect(new Set([...one, ...two].map((e) => e.data.id)).size).toBe(520);
  });

  it('stops its listener when the client goes away', async () => {
    const { get } = setup({ lifetimeMs: 60_000, heartbeatMs: 60_000 });
    const client = new AbortController();
    const started = Date.now();
    const streaming = get('user', '/v1/stream/activity', {}, client.signal);
    setTimeout(() => client.abort(), 50);
    await streaming;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
