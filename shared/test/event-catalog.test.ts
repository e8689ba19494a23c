// The event catalog is the one contract between producers and consumers: manifests name its
// topics, consumers take its schemas, producers build through it, and nothing else writes envelopes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { planEvent, StripeEventSchema } from '@backbone/shared/billing';
import { defineTopic, EventContractError, type EventEnvelope } from '@backbone/shared/core';
import { catalogTopic, EVENT_CATALOG, RecordingEventPublisher, stripeFixtures } from '@backbone/shared/testing';
import { z } from 'zod';
import { loadManifests } from '../../scripts/local/manifests';
import { environments } from '../../infra-cdktf/environments';

const ROOT = path.join(__dirname, '..', '..');

describe('the event catalog', () => {
  const manifests = loadManifests();

  it('defines each topic once', () => {
    const names = EVENT_CATALOG.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(manifests.map((m) => [m.name, m] as const))('%s names only catalog topics', (_name, manifest) => {
    const named = [
      ...manifest.touches.publishes,
      ...(manifest.trigger.kind === 'pubsub' ? [manifest.trigger.topic] : []),
    ];
    for (const name of named) expect(catalogTopic(name)?.name).toBe(name);
  });

  const consumers = manifests.filter((m) => m.trigger.kind === 'pubsub');
  it.each(consumers.map((m) => [m.name, m] as const))(
    "%s consumes its topic's own schemas, for types the topic carries",
    (name, manifest) => {
      const topic = catalogTopic(manifest.trigger.kind === 'pubsub' ? manifest.trigger.topic : '')!;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const consumed = require(path.join(ROOT, 'functions', name, 'schema.ts')).consumedEvents as Record<
        string,
        z.ZodType
      >;
      expect(Object.keys(consumed).length).toBeGreaterThan(0);
      for (const [type, schema] of Object.entries(consumed)) expect(schema).toBe(topic.events[type]);
    },
  );

  it('every topic with a consumer in the suite is published by some function', () => {
    // A function publishes it, or a platform service does (granted in infra: the agent runtime's step records).
    const published = new Set([
      ...manifests.flatMap((m) => m.touches.publishes),
      ...environments.flatMap((e) => e.platformServices.flatMap((p) => p.publishes)),
    ]);
    for (const consumer of consumers)
      if (consumer.trigger.kind === 'pubsub') expect(published).toContain(consumer.trigger.topic);
  });

  it('no source outside the catalog writes an envelope by hand', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (['node_modules', 'test', 'dist'].includes(entry)) continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts') && /specversion:\s*'1\.0'/.test(readFileSync(full, 'utf8')))
          offenders.push(path.relative(ROOT, full));
      }
    };
    for (const dir of ['functions', 'shared/src', 'scripts', 'bench']) walk(path.join(ROOT, dir));
    // The scaffold's template of a test holds one deliberately hand-made (hostile) envelope.
    expect(offenders).toEqual(['shared/src/core/events/topic.ts', 'scripts/local/scaffold.ts']);
  });

  it("walks the webhook's events for every Stripe fixture through the consumers' schemas", async () => {
    const customer = 'cus_walk';
    const objects: [string, Record<string, unknown>][] = [
      [
        'checkout.session.completed',
        {
          id: 'cs_walk',
          object: 'checkout.session',
          customer,
          subscription: 'sub_walk',
          metadata: { tenant_id: 't-walk' },
        },
      ],
      [
        'checkout.session.completed',
        {
          id: 'cs_once',
          object: 'checkout.session',
          customer,
          subscription: null,
          metadata: { tenant_id: 't-walk' },
        },
      ],
      [
        'customer.subscription.created',
        stripeFixtures.subscription('sub_walk', customer, { status: 'trialing', trialEnd: 1_765_000_000 }),
      ],
      ['customer.subscription.updated', stripeFixtures.subscription('sub_walk', customer)],
      ['customer.subscription.deleted', stripeFixtures.subscription('sub_walk', customer, { status: 'canceled' })],
      [
        'invoice.paid',
        stripeFixtures.invoice('in_walk', customer, {
          subscription: 'sub_walk',
          status: 'paid',
          amountPaid: 499_900,
        }),
      ],
      ['invoice.payment_failed', stripeFixtures.invoice('in_fail', customer, { subscription: 'sub_walk' })],
      [
        'credit_note.created',
        {
          id: 'cn_walk',
          object: 'credit_note',
          customer,
          invoice: 'in_walk',
          amount: 100,
          currency: 'inr',
          status: 'issued',
          reason: null,
        },
      ],
    ];
    const publisher = new RecordingEventPublisher();
    const events: EventEnvelope[] = [];
    for (const [i, [type, object]] of objects.entries()) {
      const event = StripeEventSchema.parse(stripeFixtures.event(`evt_walk${i}`, type, object, 1_765_000_000 + i));
      for (const published of planEvent(event, 't-walk', undefined, 'backbone/stripe-webhook').events) {
        events.push(published);
        await publisher.publish('billing-events', published, { orderingKey: published.subject });
      }
    }
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(catalogTopic('billing-events')!.events)));
    for (const consumer of consumers.filter(
      (m) => m.trigger.kind === 'pubsub' && m.trigger.topic === 'billing-events',
    )) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const consumed = require(path.join(ROOT, 'functions', consumer.name, 'schema.ts')).consumedEvents as Record<
        string,
        z.ZodType
      >;
      for (const event of events) {
        const schema = consumed[event.type];
        if (schema) expect(schema.safeParse(event.data).error).toBeUndefined();
      }
    }
  });
});

describe('defineTopic', () => {
  const topic = defineTopic('sample-events', {
    ordered: true,
    events: { 'sample.happened': z.object({ count: z.number().int().min(0) }) },
  });
  const input = {
    id: 'e-1',
    source: 'backbone/sample',
    subject: 's-1',
    time: new Date('2026-12-03T10:00:00Z'),
  };

  it('builds the envelope', () => {
    expect(topic.event('sample.happened', { ...input, tenant: 't-1', data: { count: 2 } })).toEqual({
      specversion: '1.0',
      id: 'e-1',
      type: 'sample.happened',
      source: 'backbone/sample',
      time: '2026-12-03T10:00:00.000Z',
      subject: 's-1',
      tenant: 't-1',
      datacontenttype: 'application/json',
      dataversion: '1',
      data: { count: 2 },
    });
  });

  it('refuses data its schema refuses, naming the field', () => {
    expect(() => topic.event('sample.happened', { ...input, data: { count: -1 } })).toThrow(EventContractError);
    expect(() => topic.event('sample.happened', { ...input, data: { count: -1 } })).toThrow(/count/);
  });

  it('refuses a type it does not carry', () => {
    expect(() => topic.event('sample.other' as 'sample.happened', { ...input, data: { count: 1 } })).toThrow(
      /not an event type/,
    );
    expect(() => topic.consume('sample.other' as 'sample.happened')).toThrow(/not an event type/);
  });

  it("its envelope schema refuses another topic's event and bad data", () => {
    const good = topic.event('sample.happened', { ...input, data: { count: 1 } });
    expect(topic.envelope.safeParse(good).success).toBe(true);
    expect(topic.envelope.safeParse({ ...good, type: 'sample.other' }).success).toBe(false);
    expect(topic.envelope.safeParse({ ...good, data: { count: 'one' } }).success).toBe(false);
    expect(topic.envelope.safeParse({ ...good, specversion: '2.0' }).success).toBe(false);
  });
});

describe('event types on the wire', () => {
  it('are reverse-DNS on the wire and catalog names in code, and an older unprefixed type is still read', async () => {
    const { toWireType, fromWireType } = await import('@backbone/shared/core');
    expect(toWireType('billing.invoice_paid')).toBe('io.backbone.billing.invoice_paid');
    expect(toWireType('io.backbone.billing.invoice_paid')).toBe('io.backbone.billing.invoice_paid');
    expect(fromWireType('io.backbone.billing.invoice_paid')).toBe('billing.invoice_paid');
    expect(fromWireType('billing.invoice_paid')).toBe('billing.invoice_paid');
  });
});
