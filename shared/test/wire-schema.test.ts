import { z } from 'zod';
import { wireSchema } from '../src/core/http/wire-schema';

const Stored = z.object({
  id: z.string(),
  at: z.date(),
  history: z.array(z.object({ at: z.date(), by: z.string() })),
  closedAt: z.date().nullable(),
  seenAt: z.date().optional(),
  count: z.number().int().default(0),
  note: z.string().describe('Free text.'),
});
const record = {
  id: 'r1',
  at: new Date('2026-12-07T10:00:00Z'),
  history: [{ at: new Date('2026-12-07T09:00:00Z'), by: 'u' }],
  closedAt: null,
  count: 2,
  note: 'n',
};

describe('wireSchema: a stored record as it travels in JSON', () => {
  it('takes the record once it went through JSON, dates as ISO 8601 strings at every depth', () => {
    const wire = JSON.parse(JSON.stringify(record));
    expect(wireSchema(Stored).parse(wire)).toEqual(wire);
  });

  it('refuses Date objects and strings that are not ISO 8601 date-times', () => {
    expect(wireSchema(Stored).safeParse(record).success).toBe(false);
    const notADate = { ...JSON.parse(JSON.stringify(record)), at: 'yesterday' };
    expect(wireSchema(Stored).safeParse(notADate).error?.issues[0]?.path).toEqual(['at']);
  });

  it('keeps what is optional, nullable and described; a default is the store’s business', () => {
    const wire = wireSchema(Stored);
    const { seenAt: _unseen, ...withoutSeen } = JSON.parse(JSON.stringify(record));
    expect(wire.parse(withoutSeen)).toEqual(withoutSeen);
    expect(wire.shape.note!.description).toBe('Free text.');
    const { count: _count, ...withoutCount } = JSON.parse(JSON.stringify(record));
    expect(wire.safeParse(withoutCount).success).toBe(false);
  });
});
