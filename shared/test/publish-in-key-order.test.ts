import { publishInKeyOrder, type EventEnvelope, type EventPublisher, type OutboxEntry } from '@backbone/shared/core';
import { HEALTH_ORDERING_KEYS, healthOrderingKey } from '@backbone/shared/health';

const entry = (id: string, orderingKey: string): OutboxEntry => ({
  event: { id } as EventEnvelope,
  topic: 'health-events',
  orderingKey,
});

/** A broker that acknowledges after `ms` and fails the calls listed, recording when each call was made. */
function scriptedBroker(fail: Set<string>, ms = 20) {
  const calls: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const publisher: EventPublisher = {
    async publish(_topic, event) {
      calls.push(event.id);
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      if (fail.has(event.id)) throw new Error(`broker refused ${event.id}`);
      return event.id;
    },
  };
  return { publisher, calls, peak: () => peak };
}

describe('publishInKeyOrder', () => {
  it("hands a key's entries over together, in order, instead of one round trip each", async () => {
    const broker = scriptedBroker(new Set());
    const entries = ['a1', 'a2', 'a3', 'a4'].map((id) => entry(id, 'a'));
    const started = Date.now();
    const { sent, failure } = await publishInKeyOrder(broker.publisher, entries);
    expect(failure).toBeUndefined();
    expect(broker.calls).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(broker.peak()).toBe(4);
    expect(sent).toEqual(['a1', 'a2', 'a3', 'a4']);
    // Four sequential acknowledgements would take at least 80 ms.
    expect(Date.now() - started).toBeLessThan(70);
  });

  it("counts nothing after a key's first failure as sent, and the other keys go on", async () => {
    const broker = scriptedBroker(new Set(['a2']));
    const entries = [entry('a1', 'a'), entry('b1', 'b'), entry('a2', 'a'), entry('b2', 'b'), entry('a3', 'a')];
    const { sent, failure } = await publishInKeyOrder(broker.publisher, entries);
    expect((failure as Error).message).toBe('broker refused a2');
    // a3 was acknowledged by this broker, but after a gap: it stays in the outbox to be sent again in order.
    expect([...sent].sort()).toEqual(['a1', 'b1', 'b2']);
  });
});

describe('healthOrderingKey', () => {
  it('keeps a service on one key and spreads a thousand services over the few keys', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `svc-${i}`);
    const keys = ids.map(healthOrderingKey);
    expect(ids.map(healthOrderingKey)).toEqual(keys);
    for (const key of keys) expect(key).toMatch(/^services-([0-9]|[12][0-9]|3[01])$/);
    const perKey = new Map<string, number>();
    for (const key of keys) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    expect(perKey.size).toBe(HEALTH_ORDERING_KEYS);
    expect(Math.max(...perKey.values())).toBeLessThan(2 * (1000 / HEALTH_ORDERING_KEYS));
  });
});
