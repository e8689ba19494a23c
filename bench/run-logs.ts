import { createHash } from 'node:crypto';
import { mapWithConcurrency, systemClock } from '@backbone/shared/core';
import { createFirestore } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { ingestSteps, storedStep, STEP_KINDS, type StepInput } from '@backbone/shared/runlogs';
import { FirestoreActivityFeed, FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import { captureLogs, MemoryAuditLog, serveHttp, StaticAuthenticator } from '@backbone/shared/testing';
import { declaredRoutes } from '@backbone/shared/gcp';
import manifest from '../functions/activity-feed/function';
import { makeHandler } from '../functions/activity-feed/handler';
import { model } from '../functions/run-logs/test/canary-steps';
import { pct } from './percentile-of';

interface Pass {
  steps: number;
  wallMs: number;
  stepsPerSecond: number;
}
export interface RunLogsResult {
  steps: number;
  batch: number;
  concurrency: number;
  /** The intake as deployed: masked, hashed, stored with its rollup increments and feed items. */
  masked: Pass[];
  /** Baseline: the same steps written as they came, one document each, the same batches. */
  unmasked: Pass[];
  /** Masking and hashing every step in-process (storedStep), no I/O. */
  maskCpuMs: number;
  sse: {
    clients: number;
    events: number;
    /** From the intake's write being sent to each connected client reading the event. */
    p50Ms: number;
    p99Ms: number;
    /** Baseline: a Firestore listener in the writer's process, no HTTP or SSE. */
    listenerP50Ms: number;
    listenerP99Ms: number;
  };
}

/** Realistic steps: every kind, text of ~700 characters with an e-mail, a phone and a card number, a nested payload. */
function makeSteps(count: number, tag: string): StepInput[] {
  const filler = 'The customer asks about the invoice total and the prorated upgrade of their plan. '.repeat(6);
  return Array.from({ length: count }, (_, i) => {
    const kind = STEP_KINDS[i % STEP_KINDS.length]!;
    return {
      // Run ids as runtimes make them (random), not rising: a rising id would hot-spot one key range.
      runId: `${createHash('sha1')
        .update(`${tag}-${Math.floor(i / 50)}`)
        .digest('hex')
        .slice(0, 16)}`,
      tenant: 'bench-co',
      agentId: `agent-${i % 7}`,
      agentVersion: '1.0.0',
      step: i % 50,
      kind,
      text: `${filler} Reach me at asha.rao${i}@example.co.in or +91 98765 ${String(43210 + i).slice(-5)}; card 4111 1111 1111 1111.`,
      payload: {
        customer: { email: `c${i}@example.com`, phone: '+1 415 555 0100', tier: 'growth' },
        lines: [
          { sku: 'A-1', qty: 2, note: 'ship to 1 Market St' },
          { sku: 'B-7', qty: 1, note: 'gift' },
        ],
        apiKey: 'sk_live_51HxBenchKey00aB12cD34eF56',
      },
      // The run-logs tests' model call: 1,200 tokens in and 300 out.
      ...(kind === 'model_call' ? { model } : {}),
      ...(kind === 'final_answer' ? { outcome: 'success' as const } : {}),
      startedAt: '2026-12-07T10:00:00.000Z',
      endedAt: '2026-12-07T10:00:01.000Z',
    };
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function timed(steps: number, work: () => Promise<unknown>): Promise<Pass> {
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  return { steps, wallMs, stepsPerSecond: (steps * 1000) / wallMs };
}

/**
 * Step-log intake throughput against the emulator, ABBA (baseline, intake, intake, baseline) on
 * fresh steps each pass, then the SSE fan-out latency of the activity feed through the Functions
 * Framework against a listener in the writer's own process.
 */
export async function benchRunLogs(steps = 3000, batch = 100, concurrency = 4): Promise<RunLogsResult> {
  const db = createFirestore(`demo-bench-runlogs-${Date.now()}`);
  const store = new FirestoreStepStore(db);
  const unmaskedPass = (tag: string) => {
    const inputs = makeSteps(steps, tag);
    return timed(steps, () =>
      mapWithConcurrency(chunks(inputs, batch), concurrency, async (group) => {
        const writes = db.batch();
        for (const s of group)
          writes.create(
            db.collection('raw_steps').doc(`${s.runId}~${s.agentId}~${String(s.step).padStart(6, '0')}`),
            s,
          );
        await writes.commit();
      }),
    );
  };
  const maskedPass = (tag: string) => {
    const inputs = makeSteps(steps, tag);
    return timed(steps, () =>
      mapWithConcurrency(chunks(inputs, batch), concurrency, (group) => ingestSteps(store, group)),
    );
  };
  await maskedPass('warmup');
  const a1 = await unmaskedPass('a1');
  const b1 = await maskedPass('b1');
  const b2 = await maskedPass('b2');
  const a2 = await unmaskedPass('a2');
  const cpuInputs = makeSteps(steps, 'cpu');
  const cpuStarted = performance.now();
  for (const s of cpuInputs) storedStep(s);
  const maskCpuMs = performance.now() - cpuStarted;

  return {
    steps,
    batch,
    concurrency,
    masked: [b1, b2],
    unmasked: [a1, a2],
    maskCpuMs,
    sse: await benchFanOut(db, store),
  };
}

async function benchFanOut(
  db: ReturnType<typeof createFirestore>,
  store: FirestoreStepStore,
  clients = 20,
  events = 40,
): Promise<RunLogsResult['sse']> {
  const feed = new FirestoreActivityFeed(db);
  const handler = makeHandler(
    {
      feed,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit: new MemoryAuditLog(),
      clock: systemClock,
      source: 'bench',
      timings: { lifetimeMs: 120_000, heartbeatMs: 15_000 },
      logger: captureLogs('activity-feed').logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        user: { kind: 'user', uid: 'u', portal: 'CP', tenant: 'fan-co', roles: [] },
      }),
    },
  );
  const server = await serveHttp('activityFeed', handler as never);
  const sent = new Map<string, number>();
  const sseLatencies: number[] = [];
  const listenerLatencies: number[] = [];
  const received = new Map<string, number>();
  const abort = new AbortController();
  // One event is written before the clients connect, so they follow from it (no backlog).
  await store.putAll([storedStep(runStart('seed'))]);
  const readers = Array.from({ length: clients }, async () => {
    const res = await fetch(`${server.base}/v1/stream/activity`, {
      headers: { authorization: 'Bearer user' },
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.match(/^data: (.*)$/m)?.[1];
          if (!data) continue;
          const id = (JSON.parse(data) as { id: string }).id;
          const at = sent.get(id);
          if (at !== undefined) sseLatencies.push(performance.now() - at);
          received.set(id, (received.get(id) ?? 0) + 1);
        }
      }
    } catch {
      // aborted at the end
    }
  });
  const stopListener = feed.follow(
    'fan-co',
    undefined,
    (items) => {
      for (const item of items) {
        const at = sent.get(item.id);
        if (at !== undefined) listenerLatencies.push(performance.now() - at);
      }
    },
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, 1500)); // every client connected and following
  for (let i = 0; i < events; i++) {
    const step = storedStep(runStart(`e${i}`));
    sent.set(`agent-0~fan-e${i}~0`, performance.now());
    await store.putAll([step]);
    await new Promise((r) => setTimeout(r, 50));
  }
  const deadline = Date.now() + 10_000;
  while (sseLatencies.length < clients * events && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  abort.abort();
  stopListener();
  await Promise.allSettled(readers);
  await server.close();
  if (sseLatencies.length < clients * events)
    throw new Error(`only ${sseLatencies.length} of ${clients * events} events reached the clients`);
  return {
    clients,
    events,
    p50Ms: pct(sseLatencies, 50),
    p99Ms: pct(sseLatencies, 99),
    listenerP50Ms: pct(listenerLatencies, 50),
    listenerP99Ms: pct(listenerLatencies, 99),
  };
}

function runStart(tag: string): StepInput {
  return {
    runId: `fan-${tag}`,
    tenant: 'fan-co',
    agentId: 'agent-0',
    agentVersion: '1.0.0',
    step: 0,
    kind: 'input',
    text: 'hello',
    startedAt: '2026-12-07T10:00:00.000Z',
    endedAt: '2026-12-07T10:00:01.000Z',
  };
}
