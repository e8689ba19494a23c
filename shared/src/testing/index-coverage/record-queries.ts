// Jest setup file (integration project): records the shape of every Firestore query run during the
// emulator tests, so the run can check afterwards that production has an index for each one
// (the emulator serves any query without one). One JSON line per query, one file per worker.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Firestore, Query, Transaction } from '@google-cloud/firestore';
import type { RecordedQuery } from './index-rules';
import { QUERY_LOG_DIR } from './query-log-dir';

const file = path.join(QUERY_LOG_DIR, `${process.pid}.jsonl`);
mkdirSync(QUERY_LOG_DIR, { recursive: true });

interface Structured {
  from: { collectionId?: string; allDescendants?: boolean }[];
  where?: RecordedQuery['where'];
  orderBy?: RecordedQuery['orderBy'];
}
type WithStructured = { toStructuredQuery(): Structured };
type VectorLike = { _query: WithStructured; _rawVectorField: string };
type AggregateLike = { _query: WithStructured };

/** The first frame in the project's own code that is not a test: who issued the query. */
function siteOf(stack: string | undefined): string | undefined {
  const frames = (stack ?? '').split('\n').slice(1);
  const frame = frames.find(
    (f) => !f.includes('node_modules') && !f.includes('/test/') && !f.includes('index-coverage') && f.includes('/'),
  );
  return frame?.trim().replace(/^at /, '');
}

/** A filter's shape: the values it compares with do not change which index serves it. */
function withoutValues(filter: NonNullable<Structured['where']>): NonNullable<Structured['where']> {
  if (filter.compositeFilter)
    return {
      compositeFilter: {
        op: filter.compositeFilter.op,
        filters: filter.compositeFilter.filters.map(withoutValues),
      },
    };
  if (filter.fieldFilter) return { fieldFilter: { field: filter.fieldFilter.field, op: filter.fieldFilter.op } };
  return filter;
}

function record(query: WithStructured, vectorField?: string): void {
  const s = query.toStructuredQuery();
  const entry: RecordedQuery = {
    collectionId: s.from[0]?.collectionId ?? '',
    allDescendants: s.from[0]?.allDescendants === true,
    ...(s.where ? { where: withoutValues(s.where) } : {}),
    ...(s.orderBy ? { orderBy: s.orderBy } : {}),
    ...(vectorField ? { findNearest: { vectorField: { fieldPath: vectorField } } } : {}),
    site: siteOf(new Error().stack),
  };
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

function wrap<T extends object>(proto: T, method: string, before: (self: never, args: unknown[]) => void) {
  const original = (proto as Record<string, (...a: unknown[]) => unknown>)[method]!;
  (proto as Record<string, unknown>)[method] = function (this: never, ...args: unknown[]) {
    try {
      before(this, args);
    } catch {
      // Recording must never change what the test sees.
    }
    return original.apply(this, args);
  };
}

const probe = new Firestore({ projectId: 'demo-index-coverage' }).collection('probe');
const aggregateProto = Object.getPrototypeOf(probe.count()) as object;
const vectorProto = Object.getPrototypeOf(
  probe.findNearest({ vectorField: 'v', queryVector: [1], limit: 1, distanceMeasure: 'COSINE' }),
) as object;

for (const method of ['get', 'stream', 'onSnapshot'])
  wrap(Query.prototype, method, (self: WithStructured) => record(self));
wrap(aggregateProto, 'get', (self: AggregateLike) => record(self._query));
wrap(vectorProto, 'get', (self: VectorLike) => record(self._query, self._rawVectorField));
wrap(Transaction.prototype, 'get', (_self: never, args: unknown[]) => {
  const target = args[0] as Partial<WithStructured & AggregateLike>;
  if (target instanceof Query) record(target as unknown as WithStructured);
  else if (target?._query && typeof target._query.toStructuredQuery === 'function') record(target._query);
});
