import { FirestoreHostGate } from '../adapters/firestore-host-gate';
import { emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();
const options = { limit: 2, spacingMs: 0, leaseMs: 60_000 };

describe('FirestoreHostGate', () => {
  it('holds the limit across instances and lets a waiter in when a slot is released', async () => {
    const [a, b] = [new FirestoreHostGate(db), new FirestoreHostGate(db)];
    const first = await a.acquire('h1', options);
    const second = await b.acquire('h1', options);
    let third = false;
    const waiting = a.acquire('h1', options).then((lease) => ((third = true), lease));
    await new Promise((r) => setTimeout(r, 400));
    expect(third).toBe(false);
    await b.release(second);
    const lease = await waiting;
    expect(third).toBe(true);
    await a.release(first);
    await a.release(lease);
    expect((await db.collection('scrape_hosts').doc('h1').collection('slots').get()).size).toBe(0);
  });

  it("takes over a crashed worker's slot once its lease expires, and the late release frees nothing of the new holder", async () => {
    let now = 1_000_000;
    const crashed = new FirestoreHostGate(db, () => now);
    const survivor = new FirestoreHostGate(db, () => now);
    const one = { ...options, limit: 1, leaseMs: 5_000 };
    const stale = await crashed.acquire('h2', one);
    now += 6_000; // the crashed worker's lease ran out
    const fresh = await survivor.acquire('h2', one);
    await crashed.release(stale); // a late release from the "crashed" worker
    const slots = await db.collection('scrape_hosts').doc('h2').collection('slots').get();
    expect(slots.docs.map((d) => d.get('holder'))).toEqual([fresh.id]);
    await survivor.release(fresh);
  });

  it('pauses a host for everyone until the time it was asked to', async () => {
    const gate = new FirestoreHostGate(db);
    // Measured from before the pause is written, so a slow write cannot shorten what is asserted.
    const started = Date.now();
    await gate.pause('h3', started + 700);
    await gate.release(await new FirestoreHostGate(db).acquire('h3', options));
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });

  it("hands a released slot to this instance's waiter only once the host's pause is over", async () => {
    const gate = new FirestoreHostGate(db);
    const one = { ...options, limit: 1 };
    const held = await gate.acquire('h4', one);
    const waiting = gate.acquire('h4', one).then((lease) => ({ lease, at: Date.now() }));
    const started = Date.now();
    await gate.pause('h4', started + 600); // the holder got a 429, and records it before releasing
    await gate.release(held);
    const { lease, at } = await waiting;
    expect(at - started).toBeGreaterThanOrEqual(550);
    await gate.release(lease);
  });

  it('gives back a slot claimed while the host turns out to be paused, and takes one after', async () => {
    const started = Date.now();
    await new FirestoreHostGate(db).pause('h5', started + 600);
    const other = new FirestoreHostGate(db);
    const acquiring = other.acquire('h5', options).then((lease) => ({ lease, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 300));
    // Mid-pause: no slot of the host is held (a claimed one was freed before waiting).
    expect((await db.collection('scrape_hosts').doc('h5').collection('slots').get()).size).toBe(0);
    const { lease, at } = await acquiring;
    expect(at - started).toBeGreaterThanOrEqual(550);
    await other.release(lease);
  });

  it('keeps the latest pause when instances record pauses at once (a shorter one never shortens it)', async () => {
    const started = Date.now();
    const gates = Array.from({ length: 6 }, () => new FirestoreHostGate(db));
    // The longest pause is written in the middle of the others.
    await Promise.all(gates.map((gate, i) => gate.pause('h6', started + (i === 3 ? 5_000 : 500 + i * 100))));
    expect((await db.collection('scrape_hosts').doc('h6').get()).get('pausedUntil')).toBe(started + 5_000);
    await gates[0]!.pause('h6', started + 800);
    expect((await db.collection('scrape_hosts').doc('h6').get()).get('pausedUntil')).toBe(started + 5_000);
  });
});
