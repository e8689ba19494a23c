import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PubSub } from '@google-cloud/pubsub';
import { uniqueProjectId } from '@backbone/shared/testing';
import { PushRelay } from '../local/push-relay';

// The local push path on the Pub/Sub emulator: envelope, spread, concurrency, per-key order, redelivery.
const projectId = uniqueProjectId();
const pubsub = new PubSub({ projectId });
afterAll(() => pubsub.close());

interface Received {
  instance: number;
  data: string;
  orderingKey?: string;
  subscription: string;
  start: number;
  end: number;
}

async function instances(n: number, answer: (body: { message: { data: string } }) => number, holdMs = 150) {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const servers = await Promise.all(
    Array.from({ length: n }, (_, instance) => {
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as {
            message: { data: string; orderingKey?: string };
            subscription: string;
          };
          const start = Date.now();
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          setTimeout(() => {
            inFlight--;
            received.push({
              instance,
              data: Buffer.from(body.message.data, 'base64').toString(),
              ...(body.message.orderingKey ? { orderingKey: body.message.orderingKey } : {}),
              subscription: body.subscription,
              start,
              end: Date.now(),
            });
            res.writeHead(answer(body));
            res.end();
          }, holdMs);
        });
      });
      return new Promise<http.Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
  const endpoints = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/push`);
  return {
    received,
    endpoints,
    maxInFlight: () => maxInFlight,
    close: () => servers.forEach((s) => s.close()),
  };
}

async function until(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('spreads deliveries over the instances with up to maxInFlight at once, each message acknowledged once', async () => {
  const [topic] = await pubsub.createTopic('relay-spread');
  await topic.createSubscription('relay-spread-sub', { ackDeadlineSeconds: 30 });
  const site = await instances(2, () => 204);
  const relay = new PushRelay({
    projectId,
    subscription: 'relay-spread-sub',
    endpoints: site.endpoints,
    maxInFlight: 12,
  }).start();
  try {
    await Promise.all(Array.from({ length: 24 }, (_, i) => topic.publishMessage({ data: Buffer.from(`m${i}`) })));
    await until(() => site.received.length >= 24);
    await new Promise((r) => setTimeout(r, 500)); // a redelivery would show up here
    expect(site.received.map((r) => r.data).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `m${i}`).sort());
    expect(site.maxInFlight()).toBeGreaterThan(4);
    expect(site.maxInFlight()).toBeLessThanOrEqual(12);
    expect(new Set(site.received.map((r) => r.instance))).toEqual(new Set([0, 1]));
    expect(site.received[0]!.subscription).toBe(`projects/${projectId}/subscriptions/relay-spread-sub`);
  } finally {
    await relay.stop();
    site.close();
  }
});

it("delivers one ordering key's messages one after another, and redelivers what was not answered 2xx", async () => {
  const [topic] = await pubsub.createTopic('relay-ordered');
  await topic.createSubscription('relay-ordered-sub', {
    ackDeadlineSeconds: 30,
    enableMessageOrdering: true,
  });
  let refusedOnce = false;
  const site = await instances(
    1,
    (body) => {
      if (Buffer.from(body.message.data, 'base64').toString() === 'b-1' && !refusedOnce) {
        refusedOnce = true;
        return 503;
      }
      return 200;
    },
    50,
  );
  const relay = new PushRelay({
    projectId,
    subscription: 'relay-ordered-sub',
    endpoints: site.endpoints,
    maxInFlight: 10,
  }).start();
  try {
    for (let i = 0; i < 4; i++) {
      await topic.publishMessage({ data: Buffer.from(`a-${i}`), orderingKey: 'a' });
      await topic.publishMessage({ data: Buffer.from(`b-${i}`), orderingKey: 'b' });
    }
    await until(
      () =>
        site.received.filter((r) => r.data.startsWith('a-')).length >= 4 && site.received.some((r) => r.data === 'b-3'),
    );
    const a = site.received.filter((r) => r.orderingKey === 'a');
    expect(a.map((r) => r.data)).toEqual(['a-0', 'a-1', 'a-2', 'a-3']);
    for (let i = 1; i < a.length; i++) expect(a[i]!.start).toBeGreaterThanOrEqual(a[i - 1]!.end);
    // The refused b-1 came again, and b-2 and b-3 were answered only after it was.
    const b = site.received.filter((r) => r.orderingKey === 'b');
    const acceptedB1 = b.filter((r) => r.data === 'b-1').at(-1)!;
    expect(b.filter((r) => r.data === 'b-2' || r.data === 'b-3').every((r) => r.start >= acceptedB1.end)).toBe(true);
  } finally {
    await relay.stop();
    site.close();
  }
});
