import { TransientError } from '@backbone/shared/core';
import { FirestoreIdempotencyStore } from '@backbone/shared/gcp';
import { ManualClock, emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();

describe('FirestoreIdempotencyStore against the emulator', () => {
  it('runs an effect once across sequential duplicates', async () => {
    const store = new FirestoreIdempotencyStore(db);
    let runs = 0;
    const effect = async () => ++runs;
    expect(await store.runOnce('k1', effect)).toEqual({ status: 'ran', result: 1 });
    expect(await store.runOnce('k1', effect)).toEqual({ status: 'already-done' });
    expect(runs).toBe(1);
  });

  it('runs once among 10 concurrent duplicates; the others are told to retry or that it is done', async () => {
    const store = new FirestoreIdempotencyStore(db);
    let runs = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store.runOnce('k2', async () => (await new Promise((r) => setTimeout(r, 50)), ++runs)),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'ran')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(TransientError);
  });

  it('releases the claim when the effect fails, so the retry runs', async () => {
    const store = new FirestoreIdempotencyStore(db);
    await expect(store.runOnce('k3', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await store.runOnce('k3', async () => 'second')).toEqual({ status: 'ran', result: 'second' });
  });

  it('lets a redelivery take over the claim of a holder that crashed, once its lease expired', async () => {
    const clock = new ManualClock(new Date());
    const store = new FirestoreIdempotencyStore(db, { clock, leaseMs: 30_000 });
    // A holder that never finishes: the process died mid-effect.
    void store.runOnce('k4', () => new Promise(() => undefined));
    await new Promise((r) => setTimeout(r, 200));
    await expect(store.runOnce('k4', async () => 'too early')).rejects.toBeInstanceOf(TransientError);
    clock.advance(31_000);
    expect(await store.runOnce('k4', async () => 'took over')).toEqual({
      status: 'ran',
      result: 'took over',
    });
  });
});
