import { FirestoreAuditLog, FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';
import { ROLLUP_COUNTERS, storedStep, type FeedEntry, type StepInput } from '@backbone/shared/runlogs';
import {
  countAgentDecisions,
  FirestoreActivityFeed,
  FirestoreRunStats,
  FirestoreStepStore,
} from '@backbone/shared/runlogs/gcp';
import { captureLogs, ManualClock, emulatorFirestore } from '@backbone/shared/testing';

// Steps, their rollups and the activity feed in the Firestore emulator.
const db = emulatorFirestore();

const step = (n: number, text: string, extra: Partial<StepInput> = {}): StepInput => ({
  runId: 'run-int',
  tenant: 'acme',
  agentId: 'bot',
  agentVersion: '1.0.0',
  step: n,
  kind: 'tool_output',
  text,
  startedAt: '2026-12-07T10:00:00.000Z',
  endedAt: '2026-12-07T10:00:00.500Z',
  ...extra,
});
const modelCall = (run: string, n: number, tokensIn: number, day = '2026-12-07'): StepInput =>
  step(n, 'thinking', {
    runId: run,
    kind: 'model_call',
    model: {
      provider: 'vertex-ai',
      model: 'gemini-2.5-pro',
      temperature: 0,
      tokensIn,
      tokensOut: 10,
      finishReason: 'STOP',
      latencyMs: 5,
      costMicros: tokensIn * 2,
    },
    startedAt: `${day}T09:00:00.000Z`,
    endedAt: `${day}T09:00:01.000Z`,
  });

describe('FirestoreStepStore', () => {
  it('stores each step once (duplicate, conflict), masked, and reads them back in step order', async () => {
    const store = new FirestoreStepStore(db);
    const results = await Promise.all([
      store.putAll([storedStep(step(10, 'later'))]),
      store.putAll([storedStep(step(2, 'mail asha.rao@example.co.in'))]),
      store.putAll([storedStep(step(2, 'mail asha.rao@example.co.in'))]),
    ]);
    expect(results.flat().sort()).toEqual(['duplicate', 'stored', 'stored']);
    expect(await store.putAll([storedStep(step(2, 'other'))])).toEqual(['conflict']);
    const steps = await store.steps('acme', 'bot', 'run-int');
    expect(steps.map((s) => [s.step, s.text])).toEqual([
      [2, 'mail [REDACTED_EMAIL]'],
      [10, 'later'],
    ]);
    expect(steps[0]!.startedAt).toEqual(new Date('2026-12-07T10:00:00.000Z'));
  });
});

describe('run rollups (004§2.2): kept by the intake and the audit chain, equal to the raw records', () => {
  it('counts each stored step once however the batches are replayed, and sums decisions chained by the audit sequencer', async () => {
    const tenant = 'rollup-co';
    const store = new FirestoreStepStore(db);
    const runs = Array.from({ length: 12 }, (_, r) => `r${r}`);
    const inputs: StepInput[] = runs.flatMap((run, r) => [
      step(0, 'hi', { tenant, runId: run, kind: 'input' }),
      { ...modelCall(run, 1, 100 + r, r % 3 === 0 ? '2026-12-06' : '2026-12-07'), tenant },
      step(2, 'done', { tenant, runId: run, kind: 'final_answer', outcome: r % 4 === 0 ? 'error' : 'success' }),
    ]);
    // The same steps in overlapping batches, concurrently: a batch with a step stored already falls back per step.
    const batches = [inputs.slice(0, 20), inputs.slice(10, 36), inputs.slice(0, 36), inputs.slice(30)];
    await Promise.all(batches.map((b) => store.putAll(b.map(storedStep))));

    const stored = (await Promise.all(runs.map((run) => store.steps(tenant, 'bot', run)))).flat();
    expect(stored).toHaveLength(36);
    const stats = new FirestoreRunStats(db);
    const totals = await stats.totals(tenant, { from: '2026-12-01', to: '2026-12-31' });
    const models = stored.flatMap((s) => (s.model ? [s.model] : []));
    expect(totals).toMatchObject({
      steps: stored.length,
      invocations: stored.filter((s) => s.kind === 'input').length,
      succeeded: stored.filter((s) => s.outcome === 'success').length,
      failed: stored.filter((s) => s.outcome === 'error').length,
      modelCalls: models.length,
      tokensIn: models.reduce((a, m) => a + m.tokensIn, 0),
      costMicros: models.reduce((a, m) => a + m.costMicros, 0),
    });
    // One day only: the model calls of runs r0, r3, r6, r9 ended on the 6th.
    const sixth = await stats.totals(tenant, { from: '2026-12-06', to: '2026-12-06' }, 'bot');
    expect(sixth.modelCalls).toBe(4);
    expect(sixth.tokensIn).toBe(100 + 103 + 106 + 109);

    // Decisions: appended to the audit log by the PEP, counted when the sequencer chains them.
    const audit = new FirestoreAuditLog(db);
    const decision = (outcome: string, agent?: object) => ({
      actor: { type: 'Agent', id: 'bot' },
      action: 'pep.call_tool',
      target: { type: 'Tool', id: 'crm' },
      outcome,
      source: 'test',
      at: '2026-12-07T10:00:00.000Z',
      details: agent ? { agent } : {},
    });
    const bot = { tenant, id: 'bot' };
    await audit.append([decision('allow', bot), decision('deny', bot), decision('deny', bot), decision('deny')]);
    const sequencer = new FirestoreAuditSequencer(db, {
      clock: new ManualClock(new Date()),
      logger: captureLogs().logger,
      alsoInRound: countAgentDecisions(db),
    });
    expect(await sequencer.acquire()).toBe(true);
    await sequencer.round();
    await sequencer.round(); // nothing new: nothing counted twice
    const withDecisions = await stats.totals(tenant, { from: '2026-12-07', to: '2026-12-07' }, 'bot');
    expect(withDecisions).toMatchObject({ decisions: 3, denials: 2 });

    const month = { from: '2026-12-01', to: '2026-12-31' };
    const [agent] = (await stats.allAgents(month)).filter((r) => r.tenant === tenant);
    const monthTotals = await stats.totals(tenant, month);
    for (const c of ROLLUP_COUNTERS) expect(agent!.totals[c]).toBe(monthTotals[c]);
    const days = await stats.daily(tenant, month);
    expect(days.map((d) => [d.day, d.totals.modelCalls])).toEqual([
      ['2026-12-06', 4],
      ['2026-12-07', 8],
    ]);
    expect(agent!.models['vertex-ai/gemini-2.5-pro']).toEqual({
      calls: 12,
      tokensIn: totals.tokensIn,
      tokensOut: 120,
      costMicros: totals.costMicros,
    });
    const everyone = await stats.allAgents({ from: '2026-12-01', to: '2026-12-31' });
    expect(everyone.find((r) => r.tenant === tenant)?.totals.invocations).toBe(12);
  });

  it('keeps the models counted on a shard when a later write to it carries none', async () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0); // every write on shard 0
    try {
      const store = new FirestoreStepStore(db);
      await store.putAll([storedStep({ ...modelCall('shard-1', 1, 40), tenant: 'shard-co' })]);
      await store.putAll([storedStep(step(2, 'no model', { tenant: 'shard-co', runId: 'shard-1' }))]);
      const [agent] = await new FirestoreRunStats(db).daily('shard-co', { from: '2026-12-01', to: '2026-12-31' });
      expect(agent!.totals.steps).toBe(2);
      expect(agent!.models).toEqual({
        'vertex-ai/gemini-2.5-pro': { calls: 1, tokensIn: 40, tokensOut: 10, costMicros: 80 },
      });
    } finally {
      random.mockRestore();
    }
  });

  it('lists a tenant’s model calls per agent and period, newest first (004§1.2)', async () => {
    const store = new FirestoreStepStore(db);
    await store.putAll(
      [modelCall('mc-1', 1, 5, '2026-11-30'), modelCall('mc-1', 2, 6), modelCall('mc-2', 1, 7)].map(storedStep),
    );
    const calls = await store.modelCalls({
      tenant: 'acme',
      agentId: 'bot',
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-08T00:00:00Z'),
      limit: 10,
    });
    expect(calls.map((c) => [c.runId, c.step])).toEqual(
      expect.arrayContaining([
        ['mc-1', 2],
        ['mc-2', 1],
      ]),
    );
    expect(calls.some((c) => c.runId === 'mc-1' && c.step === 1)).toBe(false);
    const all = await store.modelCalls({ tenant: 'acme', from: new Date(0), to: new Date('2027-01-01'), limit: 10 });
    expect(all.length).toBeGreaterThanOrEqual(3);
  });
});

describe('FirestoreActivityFeed (000#25, 000#22)', () => {
  it('pages newest first with a stable cursor, and a follower resumed after an item gets every later one once', async () => {
    const tenant = 'feed-co';
    const store = new FirestoreStepStore(db);
    const feed = new FirestoreActivityFeed(db);
    const run = (r: number) => [
      step(0, 'in', { tenant, runId: `f${r}`, kind: 'input' }),
      step(1, 'out', { tenant, runId: `f${r}`, kind: 'final_answer' }),
    ];
    for (let r = 0; r < 30; r++) await store.putAll(run(r).map(storedStep));
    const first = await feed.page(tenant, 25);
    const second = await feed.page(tenant, 25, first.at(-1)!.position);
    const third = await feed.page(tenant, 25, second.at(-1)!.position);
    const ids = [...first, ...second, ...third].map((e) => e.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(first[0]!.runId).toBe('f29');
    expect(first[0]!.type).toBe('run.succeeded');
    expect(first[0]).not.toHaveProperty('expireAt');
    // Each item carries its TTL date: deleted by Firestore about 90 days after it was written.
    const stored = (await db.collection('tenants').doc(tenant).collection('activity').doc(first[0]!.id).get()).get(
      'expireAt',
    ) as { toMillis(): number };
    expect(Math.round((stored.toMillis() - Date.now()) / 86_400_000)).toBe(90);
    expect(await feed.page('other-co', 25)).toEqual([]);

    const received: FeedEntry[] = [];
    const resumeAfter = first[10]!.position;
    const stop = feed.follow(
      tenant,
      resumeAfter,
      (items) => received.push(...items),
      (e) => {
        throw e;
      },
    );
    await store.putAll(run(30).map(storedStep));
    await store.putAll(run(30).map(storedStep)); // a replay adds nothing
    await waitFor(() => received.length >= 12);
    stop();
    expect(received.map((e) => e.id)).toEqual([
      ...first
        .slice(0, 10)
        .reverse()
        .map((e) => e.id),
      'bot~f30~0',
      'bot~f30~1',
    ]);
  });
});

async function waitFor(done: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
