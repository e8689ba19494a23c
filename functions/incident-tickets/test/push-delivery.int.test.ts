import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { type EventEnvelope } from '@backbone/shared/core';
import { PubSubEventPublisher } from '@backbone/shared/gcp';
import { healthEventTypes, type IncidentEvent } from '@backbone/shared/health';
import { createPullSubscription, pullMessages, emulatorFirestore, uniqueProjectId } from '@backbone/shared/testing';
import { bundleFunction } from '../../../scripts/local/bundle';
import { startFunction, waitUntilListening } from '../../../scripts/local/function-process';
import { wirePubSub } from '../../../scripts/local/pubsub-wiring';
import { ROOT } from '../../../scripts/local/manifests';
import manifest from '../function';

// The local runner's whole push path: the real bundle under the Functions Framework, its
// subscription on the Pub/Sub emulator delivered by the local push relay, and Firestore.
const projectId = uniqueProjectId();
const db = emulatorFirestore(projectId);
const publisher = PubSubEventPublisher.forProject(projectId);
const port = 18_000 + Math.floor(Math.random() * 1000);
const url = `http://127.0.0.1:${port}`;
let outDir: string;
let child: ChildProcess;
let wiring: Awaited<ReturnType<typeof wirePubSub>> | undefined;
const output: string[] = [];

const incident = (type: string, id: string, data: Partial<IncidentEvent> = {}): EventEnvelope<IncidentEvent> => ({
  specversion: '1.0',
  id,
  type,
  source: 'backbone/health-aggregator',
  time: '2026-11-23T10:12:00.000Z',
  subject: 'billing',
  dataversion: '1',
  data: {
    incidentId: 'inc-billing-r1',
    serviceId: 'billing',
    severity: 'major',
    impacted: ['invoicing'],
    openedAt: '2026-11-23T10:12:00.000Z',
    resolvedAt: null,
    ...data,
  },
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const tickets = async () =>
  (await db.collection('tickets').get()).docs.map((d) => ({ id: d.id, ...d.data() })) as {
    id: string;
    status: string;
    tenantId: string;
  }[];

beforeAll(async () => {
  // Inside the repository, so the bundle resolves its npm dependencies from node_modules.
  mkdirSync(path.join(ROOT, '.backbone'), { recursive: true });
  outDir = mkdtempSync(path.join(ROOT, '.backbone', 'test-bundles-'));
  const bundle = await bundleFunction(manifest, outDir);
  child = startFunction(manifest, {
    port,
    bundleDir: bundle.dir,
    env: { ...process.env, GOOGLE_CLOUD_PROJECT: projectId, LOG_LEVEL: 'INFO' },
    onLine: (l) => output.push(l),
  });
  await waitUntilListening(url).catch((error) => {
    throw new Error(`${error.message}\n${output.join('\n')}`);
  });
  wiring = await wirePubSub({
    emulatorHost: process.env.PUBSUB_EMULATOR_HOST!,
    projectId,
    manifests: [manifest],
    urls: { [manifest.name]: url },
  });
  await createPullSubscription(projectId, 'tenant-notices', 'notices-observer');
  const subscriptions = db.collection('subscriptions');
  await subscriptions
    .doc('sub-acme')
    .set({ tenantId: 'acme', status: 'active', services: ['billing', 'agent-runtime'] });
  await subscriptions.doc('sub-globex').set({ tenantId: 'globex', status: 'trialing', services: ['invoicing'] });
  await subscriptions.doc('sub-initech').set({ tenantId: 'initech', status: 'canceled', services: ['billing'] });
  await subscriptions.doc('sub-umbrella').set({ tenantId: 'umbrella', status: 'active', services: ['analytics'] });
});

afterAll(async () => {
  await wiring?.stop();
  child?.kill('SIGTERM');
  rmSync(outDir, { recursive: true, force: true });
});

describe('incident-tickets through the local push path', () => {
  it('opens one ticket per affected tenant, including tenants of impacted services', async () => {
    await publisher.publish('health-events', incident(healthEventTypes.incidentOpened, 'evt-open'), {
      orderingKey: 'billing',
    });
    const opened = await eventually(tickets, (t) => t.length >= 2);
    expect(opened.map((t) => t.id).sort()).toEqual(['inc-billing-r1_acme', 'inc-billing-r1_globex']);
    expect(opened.every((t) => t.status === 'open')).toBe(true);
    // Each ticketed tenant's admins are told, through tenant-notices.
    const notices = (await pullMessages(projectId, 'notices-observer', 2)).map((m) => m.data as EventEnvelope);
    expect(notices.map((n) => [n.type, n.id, n.tenant]).sort()).toEqual([
      ['io.backbone.notice.incident', 'notice.incident:inc-billing-r1:opened:acme', 'acme'],
      ['io.backbone.notice.incident', 'notice.incident:inc-billing-r1:opened:globex', 'globex'],
    ]);
  });

  it('applies a duplicate delivery once', async () => {
    await publisher.publish('health-events', incident(healthEventTypes.incidentOpened, 'evt-open'), {
      orderingKey: 'billing',
    });
    const key = await eventually(
      async () => (await db.collection('idempotency').doc('incident-tickets%3Aevt-open').get()).data(),
      (d) => d?.status === 'done',
    );
    expect(key).toMatchObject({ status: 'done', attempts: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(output.filter((l) => l.includes('duplicate delivery ignored'))).toHaveLength(1);
    expect(await tickets()).toHaveLength(2);
  });

  it('resolves the tickets with the incident', async () => {
    await publisher.publish(
      'health-events',
      incident(healthEventTypes.incidentResolved, 'evt-resolve', { resolvedAt: '2026-11-23T10:30:00.000Z' }),
      { orderingKey: 'billing' },
    );
    const resolved = await eventually(tickets, (t) => t.every((x) => x.status === 'resolved'));
    expect(resolved.map((t) => t.status)).toEqual(['resolved', 'resolved']);
  });

  it('dead-letters a malformed event and acknowledges it', async () => {
    const bad = {
      ...incident(healthEventTypes.incidentOpened, 'evt-bad'),
      data: { incidentId: 'x', contact: 'ops@example.com' },
    };
    const messageId = await publisher.publish('health-events', bad as EventEnvelope, {
      orderingKey: 'billing',
    });
    const letter = await eventually(
      async () =>
        (
          await db
            .collection('dead_letters')
            .doc(encodeURIComponent(`incident-tickets:${messageId}`))
            .get()
        ).data(),
      (d) => d !== undefined,
    );
    expect(letter).toMatchObject({ function: 'incident-tickets', code: 'EVENT-001' });
    expect(JSON.stringify(letter)).not.toContain('ops@example.com');
    expect(await tickets()).toHaveLength(2);
  });
});
