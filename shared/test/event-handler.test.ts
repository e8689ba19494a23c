import { z } from 'zod';
import { createEventHandler, TransientError, ValidationError, type EventEnvelope } from '@backbone/shared/core';
import { captureLogs, MemoryFailureRecorder, pubsubCloudEvent } from '@backbone/shared/testing';

const envelope = (data: unknown, type = 'thing.created'): EventEnvelope => ({
  specversion: '1.0',
  id: 'evt-1',
  type,
  source: 'test',
  time: '2026-01-01T00:00:00Z',
  subject: 's-1',
  dataversion: '1',
  data,
});

function setup(handle: (data: { n: number }) => Promise<void>) {
  const { logger, records } = captureLogs();
  const failures = new MemoryFailureRecorder();
  const seen: number[] = [];
  const handler = createEventHandler({
    functionName: 'things',
    logger,
    failures,
    schemas: { 'thing.created': z.object({ n: z.number() }) },
    handle: async (event) => {
      await handle(event.data);
      seen.push(event.data.n);
    },
  });
  return { handler, failures, seen, records };
}

describe('createEventHandler', () => {
  it('decodes base64 JSON into a typed envelope and handles it', async () => {
    const { handler, seen } = setup(async () => undefined);
    await handler(pubsubCloudEvent(envelope({ n: 7 })));
    expect(seen).toEqual([7]);
  });

  it('reads the reverse-DNS wire type as the catalog name', async () => {
    const { handler, seen, failures } = setup(async () => undefined);
    await handler(pubsubCloudEvent(envelope({ n: 8 }, 'io.backbone.thing.created')));
    expect(seen).toEqual([8]);
    expect(failures.letters.size).toBe(0);
  });

  it('acknowledges event types it does not consume without recording them', async () => {
    const { handler, seen, failures } = setup(async () => undefined);
    await handler(pubsubCloudEvent(envelope({ n: 1 }, 'thing.deleted')));
    expect(seen).toEqual([]);
    expect(failures.letters.size).toBe(0);
  });

  it.each([
    ['not JSON', 'not json'],
    ['not an envelope', { hello: 'world' }],
    ['data failing its schema', envelope({ n: 'seven', email: 'a@b.io' })],
  ])('dead-letters %s and acknowledges (does not throw)', async (_what, payload) => {
    const { handler, failures } = setup(async () => undefined);
    await expect(handler(pubsubCloudEvent(payload as object, 'm-9'))).resolves.toBeUndefined();
    const letter = failures.letters.get('things:m-9');
    expect(letter).toMatchObject({ function: 'things', code: 'EVENT-001' });
  });

  it('keeps the message data decoded and masked: no PII hides in base64', async () => {
    const { handler, failures } = setup(async () => undefined);
    await handler(pubsubCloudEvent(envelope({ n: 'x', email: 'asha@example.com', card: '4111111111111111' }), 'm-3'));
    const stored = JSON.stringify(failures.letters.get('things:m-3')?.payload);
    expect(stored).not.toContain('asha@example.com');
    expect(stored).not.toContain(Buffer.from('asha@example.com').toString('base64').slice(0, 12));
    const message = (failures.letters.get('things:m-3')?.payload as { data: { message: Record<string, unknown> } }).data
      .message;
    expect(message.data).toBeUndefined();
    expect(message.decoded).toMatchObject({ data: { email: '[REDACTED_EMAIL]', card: '[REDACTED_CARD]' } });
  });

  it('keeps undecodable binary data as its size', async () => {
    const { handler, failures } = setup(async () => undefined);
    const event = pubsubCloudEvent({}, 'm-4') as { data: { message: { data: string } } };
    event.data.message.data = Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64');
    await handler(event);
    expect(JSON.stringify(failures.letters.get('things:m-4')?.payload)).toContain('[binary, 4 bytes]');
  });

  it('dead-letters a permanent failure of the handler', async () => {
    const { handler, failures } = setup(async () => {
      throw new ValidationError('tenant unknown');
    });
    await handler(pubsubCloudEvent(envelope({ n: 1 }), 'm-2'));
    expect(failures.letters.get('things:m-2')?.reason).toBe('tenant unknown');
  });

  it.each([
    ['a transient error', new TransientError('firestore unavailable')],
    ['an unknown error', new Error('socket hang up')],
  ])('rethrows %s so Pub/Sub redelivers', async (_what, error) => {
    const { handler, failures } = setup(async () => {
      throw error;
    });
    await expect(handler(pubsubCloudEvent(envelope({ n: 1 })))).rejects.toBe(error);
    expect(failures.letters.size).toBe(0);
  });
});
