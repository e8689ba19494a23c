import { RateLimiter } from '@backbone/shared/core';
import { FirestoreRateLimitStore } from '@backbone/shared/gcp';
import { ManualClock, emulatorFirestore } from '@backbone/shared/testing';

const db = emulatorFirestore();

describe('the rate limit counters in Firestore', () => {
  it('allow exactly the limit among concurrent requests from separate instances', async () => {
    const store = new FirestoreRateLimitStore(db);
    const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
    // Separate limiters stand for separate instances: they share only the store.
    const instances = Array.from(
      { length: 4 },
      () => new RateLimiter(store, clock, 3_600_000, { anonymous: 5, authenticated: 100, admin: 1000 }),
    );
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 4]!.check('ip:198.51.100.7', 'anonymous')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
