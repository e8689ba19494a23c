import { coverageProblem, type IndexFile, type RecordedQuery } from '../src/testing/index-coverage/index-rules';

const eq = (fieldPath: string, op = 'EQUAL') => ({ fieldFilter: { field: { fieldPath }, op } });
const and = (...filters: object[]) => ({ compositeFilter: { op: 'AND', filters } });
const order = (fieldPath: string, direction = 'ASCENDING') => ({ field: { fieldPath }, direction });
const q = (extra: Partial<RecordedQuery>): RecordedQuery => ({
  collectionId: 'c',
  allDescendants: false,
  ...extra,
});

type IndexField = IndexFile['indexes'][number]['fields'][number];
/** An index file with one composite index on collection `c`. */
const compositeOnC = (...fields: IndexField[]): IndexFile => ({
  indexes: [{ collectionGroup: 'c', queryScope: 'COLLECTION', fields }],
});
const asc = (fieldPath: string): IndexField => ({ fieldPath, order: 'ASCENDING' });
const desc = (fieldPath: string): IndexField => ({ fieldPath, order: 'DESCENDING' });

const none: IndexFile = { indexes: [] };
const invoices = compositeOnC(asc('tenantId'), desc('created'), desc('invoiceId'));

describe("Firestore's index rules (the index-coverage check)", () => {
  it.each([
    ['a scan', q({})],
    ['one equality', q({ where: eq('a') })],
    ['equalities merged from single-field indexes', q({ where: and(eq('a'), eq('b'), eq('tags', 'ARRAY_CONTAINS')) })],
    ['one ordered field', q({ orderBy: [order('at', 'DESCENDING')] })],
    ['one range with its own order', q({ where: eq('at', 'LESS_THAN'), orderBy: [order('at')] })],
    ['an order by document id after an equality', q({ where: eq('a'), orderBy: [order('__name__')] })],
  ])('serves %s from single-field indexes', (_, query) => {
    expect(coverageProblem(query, none)).toBeUndefined();
  });

  it.each([
    ['an equality with an order', q({ where: eq('a'), orderBy: [order('b')] })],
    ['an equality with a range', q({ where: and(eq('a'), eq('b', 'GREATER_THAN')) })],
    ['two orders', q({ orderBy: [order('a'), order('b')] })],
    ['a collection-group scan on one field', q({ allDescendants: true, where: eq('a') })],
  ])('asks a composite index (or an override) for %s', (_, query) => {
    expect(coverageProblem(query, none)).toMatch(/needs a composite index on c/);
  });

  it('finds the invoice listing served by its index, and not by a reversed or shorter one', () => {
    const listing = q({
      where: eq('tenantId'),
      orderBy: [order('created', 'DESCENDING'), order('invoiceId', 'DESCENDING')],
    });
    expect(coverageProblem(listing, none)).toBe(
      'needs a composite index on c (tenantId ==, created DESCENDING, invoiceId DESCENDING)',
    );
    expect(coverageProblem(listing, invoices)).toBeUndefined();
    const ascending = q({ where: eq('tenantId'), orderBy: [order('created'), order('invoiceId')] });
    expect(coverageProblem(ascending, invoices)).toMatch(/needs a composite index/);
    const other = q({ collectionId: 'd', where: eq('tenantId'), orderBy: listing.orderBy });
    expect(coverageProblem(other, invoices)).toMatch(/on d/);
  });

  it('orders inequality fields implicitly after the explicit orders', () => {
    const index = compositeOnC(asc('status'), asc('openedAt'));
    expect(coverageProblem(q({ where: and(eq('status'), eq('openedAt', 'LESS_THAN')) }), index)).toBeUndefined();
    expect(
      coverageProblem(
        q({
          where: and(eq('status'), eq('openedAt', 'LESS_THAN')),
          orderBy: [order('openedAt', 'DESCENDING')],
        }),
        index,
      ),
    ).toMatch(/openedAt DESCENDING/);
  });

  it('asks a vector index with the pre-filter fields before the vector field', () => {
    const search = q({
      where: and(eq('deprecatesAt', 'GREATER_THAN'), eq('kind')),
      findNearest: { vectorField: { fieldPath: 'embedding' } },
    });
    expect(coverageProblem(search, none)).toBe(
      'needs a vector index on c (kind ==, deprecatesAt ASCENDING, embedding vector)',
    );
    const vector = compositeOnC(asc('kind'), asc('deprecatesAt'), {
      fieldPath: 'embedding',
      vectorConfig: { dimension: 256 },
    });
    expect(coverageProblem(search, vector)).toBeUndefined();
    expect(coverageProblem({ ...search, where: eq('deprecatesAt', 'GREATER_THAN') }, vector)).toMatch(/vector index/);
  });

  it('honours a field override that turns a single-field index off', () => {
    const file: IndexFile = {
      indexes: [],
      fieldOverrides: [{ collectionGroup: 'c', fieldPath: 'expireAt', indexes: [] }],
    };
    expect(coverageProblem(q({ where: eq('expireAt', 'LESS_THAN') }), file)).toMatch(/needs a composite index/);
  });
});
