import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { runLogsHandler } from './harness';
import { FirestoreFailureRecorder } from '@backbone/shared/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { runSteps, STEP_KINDS } from '@backbone/shared/runlogs';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import { captureLogs, invokeHttp, pubsubCloudEvent, emulatorFirestore } from '@backbone/shared/testing';
import { makeHandler as makeIntake } from '../../run-log-intake/handler';
import { CANARIES, canaryStep, pii } from './canary-steps';

// The PII canary (004§1.1): known fake personal data and a secret through every step kind, over
// HTTP and Pub/Sub, valid and refused; then every document in the database, every log line and
// every dead letter is searched for them.

const db = emulatorFirestore();

const step = (runId: string, n: number, kind: (typeof STEP_KINDS)[number], extra: object = {}) =>
  canaryStep(n, kind, { runId, ...extra });

/** Every document of the database, as JSON, walking every collection and subcollection. */
async function everyDocument(firestore: Firestore): Promise<string[]> {
  const out: string[] = [];
  const walk = async (refs: DocumentReference[]) => {
    for (const ref of refs) {
      const snap = await ref.get();
      if (snap.exists) out.push(JSON.stringify(snap.data()));
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  };
  for (const collection of await firestore.listCollections()) await walk(await collection.listDocuments());
  return out;
}

describe('PII canary (004§1.1)', () => {
  it('finds no canary in any stored document, log line or dead letter', async () => {
    const logs = captureLogs('run-logs');
    const store = new FirestoreStepStore(db);
    const handler = runLogsHandler({ store, audit: new FirestoreAuditLog(db), logger: logs.logger });
    const call = (method: string, path: string, body?: object, who = 'runtime') =>
      invokeHttp(handler, { method, path, headers: { authorization: `Bearer ${who}` }, ...(body ? { body } : {}) });

    // Over HTTP: every kind stored; a refused batch (a model call missing metadata) stores nothing.
    const stored = await call('POST', '/v1/runs/steps:batch', {
      steps: STEP_KINDS.map((k, i) => step('http-run', i, k)),
    });
    expect(stored.status).toBe(200);
    const refused = await call('POST', '/v1/runs/steps:batch', {
      steps: [step('http-run', 9, 'model_call', { model: { provider: pii } })],
    });
    expect(refused.status).toBe(400);
    // Over Pub/Sub: every kind stored, then a conflict and an invalid record, both dead-lettered.
    const intakeLogs = captureLogs('run-log-intake');
    const intake = makeIntake({ store, failures: new FirestoreFailureRecorder(db), logger: intakeLogs.logger });
    const message = (data: object, id: string) =>
      pubsubCloudEvent(
        runSteps.event('run.step_recorded', {
          id,
          source: 'agent-runtime',
          subject: 'acme/pubsub-run',
          time: new Date('2026-12-07T10:00:00Z'),
          tenant: 'acme',
          data: data as Record<string, unknown>,
        }),
        id,
      );
    for (const [i, kind] of STEP_KINDS.entries()) await intake(message(step('pubsub-run', i, kind), `m-${i}`));
    await intake(message(step('pubsub-run', 0, 'input', { text: `changed ${pii}` }), 'm-conflict'));
    await intake(message(step('pubsub-run', 7, 'tool_output', { startedAt: pii }), 'm-invalid'));
    // Reading the run back answers masked text.
    const read = await call('GET', '/v1/tenants/acme/agents/bot/runs/http-run/steps', undefined, 'user');
    expect(read.status).toBe(200);

    const documents = await everyDocument(db);
    const kinds = documents.join('\n');
    expect(documents.length).toBeGreaterThan(2 * STEP_KINDS.length); // steps, rollups, feed, audit, dead letters
    expect(kinds).toContain('[REDACTED_EMAIL]');
    expect((await db.collection('dead_letters').get()).size).toBe(2); // the conflict and the invalid record
    const everything = [
      kinds,
      JSON.stringify(logs.records),
      JSON.stringify(intakeLogs.records),
      refused.text,
      read.text,
    ].join('\n');
    for (const canary of CANARIES)
      expect({ canary, found: everything.includes(canary) }).toEqual({ canary, found: false });
  });
});
