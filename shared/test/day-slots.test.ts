import { DaySlots, DaySlotsCache } from '../src/governance/day-slots';

describe('DaySlots', () => {
  it('hands concurrent local callers distinct slots, and none once all are being written', () => {
    const slots = new DaySlots(3, () => 0.5);
    // From its start (slot 1 of 3) onwards, wrapping around.
    expect([slots.reserve(), slots.reserve(), slots.reserve()]).toEqual([1, 2, 0]);
    expect(slots.reserve()).toBeUndefined();
  });

  it('is full only when every slot is known taken; a write of unknown outcome frees the slot for another try', async () => {
    const slots = new DaySlots(2, () => 0);
    const a = slots.reserve()!;
    const b = slots.reserve()!;
    let woke = 0;
    const waiting = slots.nextSettled().then(() => woke++);
    slots.settle(a, 'taken');
    await waiting;
    expect(woke).toBe(1);
    slots.settle(b, 'unknown');
    expect(slots.full).toBe(false);
    expect(slots.reserve()).toBe(b);
    slots.settle(b, 'taken');
    expect(slots.full).toBe(true);
    expect(slots.reserve()).toBeUndefined();
  });
});

describe('DaySlotsCache', () => {
  it('keeps one DaySlots per tenant and day, starts over when the quota changes, and forgets the oldest past its bound', () => {
    const cache = new DaySlotsCache(2);
    const first = cache.get('acme', '2026-12-03', 10);
    expect(cache.get('acme', '2026-12-03', 10)).toBe(first);
    expect(cache.get('acme', '2026-12-04', 10)).not.toBe(first);
    expect(cache.get('acme', '2026-12-03', 20)).not.toBe(first);
    cache.get('globex', '2026-12-03', 10);
    cache.get('initech', '2026-12-03', 10);
    expect(cache.get('acme', '2026-12-04', 10).known.size).toBe(0);
  });
});
