import { createFirestore } from '@backbone/shared/gcp';
import { storedStep, type StepInput } from '@backbone/shared/runlogs';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import { uniqueProjectId } from '@backbone/shared/testing';

// Steps in the Firestore emulator: one document per (run, step), created once, read back in order.
const db = createFirestore(uniqueProjectId());
afterAll(() => db.terminate());

const step = (n: number, text: string): StepInput => ({
  runId: 'run-int',
  tenant: 'acme',
  agentId: 'bot',
  agentVersion: '1.0.0',
  step: n,
  kind: 'tool_output',
  text,
  startedAt: '2026-12-07T10:00:00.000Z',
  endedAt: '2026-12-07T10:00:00.500Z',
});

describe('FirestoreStepStore', () => {
  it('stores each step once (duplicate, conflict), masked, and reads them back in step order', async () => {
    const store = new FirestoreStepStore(db);
    const results = await Promise.all([
      store.put(storedStep(step(10, 'later'))),
      store.put(storedStep(step(2, 'mail asha.rao@example.co.in'))),
      store.put(storedStep(step(2, 'mail asha.rao@example.co.in'))),
    ]);
    expect(results.sort()).toEqual(['duplicate', 'stored', 'stored']);
    expect(await store.put(storedStep(step(2, 'other')))).toBe('conflict');
    const steps = await store.steps('acme', 'bot', 'run-int');
    expect(steps.map((s) => [s.step, s.text])).toEqual([
      [2, 'mail [REDACTED_EMAIL]'],
      [10, 'later'],
    ]);
    expect(steps[0]!.startedAt).toEqual(new Date('2026-12-07T10:00:00.000Z'));
  });
});
