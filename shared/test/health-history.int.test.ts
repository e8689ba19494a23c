import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import { emulatorFirestore } from '@backbone/shared/testing';

// The hourly history on the Firestore emulator: written with the samples, a re-run round
// overwriting its own minute, read back by hour for the status page.
const db = emulatorFirestore();

describe('FirestoreHealthStore history', () => {
  it('keeps one entry per round in its hour, idempotently, and reads hours back', async () => {
    const store = new FirestoreHealthStore(db);
    const sample = (minute: number, ok: boolean, latencyMs: number) => ({
      serviceId: 'billing',
      round: `r${minute}`,
      at: new Date(Date.UTC(2026, 11, 7, 9, minute)),
      ok,
      slow: false,
      httpStatus: ok ? 200 : 503,
      latencyMs,
      errorClass: ok ? ('none' as const) : ('http_status' as const),
      expireAt: new Date(Date.UTC(2026, 11, 14)),
    });
    for (const round of [
      [sample(0, true, 40), sample(1, false, 900)],
      [sample(1, false, 900)], // the same round again: counted once
    ]) {
      const writer = store.sampleWriter();
      round.forEach((s) => writer.add(s));
      await writer.close();
    }
    expect(await store.history(['billing', 'nope'], ['2026-12-07T08', '2026-12-07T09'])).toEqual([
      { serviceId: 'billing', hour: '2026-12-07T09', minutes: { '00': [1, 40], '01': [0, 900] } },
    ]);
    expect(await store.getIncident('missing')).toBeUndefined();
  });
});
