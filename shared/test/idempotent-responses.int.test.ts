import { FirestoreIdempotentResponses } from '@backbone/shared/gcp';
import { ManualClock, emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();

describe('FirestoreIdempotentResponses on the emulator', () => {
  it('runs a key once, replays its response, refuses another request under it, and lets a crashed one run again after its lease', async () => {
    const clock = new ManualClock(new Date('2026-12-03T10:00:00Z'));
    const store = new FirestoreIdempotentResponses(db, clock, { leaseMs: 60_000 });
    expect(await store.start('k1', 'fp-a')).toEqual({ kind: 'new' });
    expect(await store.start('k1', 'fp-a')).toEqual({ kind: 'in-progress' });
    expect(await store.start('k1', 'fp-b')).toEqual({ kind: 'mismatch' });
    await store.finish('k1', { status: 201, body: { id: 'x' }, headers: { Location: '/x' } });
    expect(await store.start('k1', 'fp-a')).toEqual({
      kind: 'replay',
      response: { status: 201, body: { id: 'x' }, headers: { Location: '/x' } },
    });

    expect(await store.start('k2', 'fp-a')).toEqual({ kind: 'new' }); // then the process dies
    clock.advance(61_000);
    expect(await store.start('k2', 'fp-a')).toEqual({ kind: 'new' });
    clock.advance(86_400_000);
    expect(await store.start('k1', 'fp-b')).toEqual({ kind: 'new' }); // expired after a day
  });

  it('admits one of ten concurrent first requests under a key', async () => {
    const store = new FirestoreIdempotentResponses(db, new ManualClock());
    const starts = await Promise.all(Array.from({ length: 10 }, () => store.start('race', 'fp')));
    expect(starts.filter((s) => s.kind === 'new')).toHaveLength(1);
    expect(starts.filter((s) => s.kind === 'in-progress')).toHaveLength(9);
  });
});
