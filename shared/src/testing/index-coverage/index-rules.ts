/**
 * Whether Firestore (native mode) can serve a query from its built-in single-field indexes or from
 * a declared index, by Firestore's documented rules:
 * - every field has automatic ascending, descending and array-contains single-field indexes at
 *   collection scope (unless a field override turns them off); collection-group scope needs an override;
 * - equality and array-contains filters alone are served by merging single-field indexes;
 * - one ordered or range-filtered field alone, without equality filters, is a single-field index;
 * - anything else (equalities with an order or a range, several ordered or ranged fields) needs a
 *   composite index: the equality fields (any order) followed by the ordered fields in order and
 *   direction; inequality fields not ordered explicitly are ordered implicitly after the explicit ones;
 * - a vector search needs a vector index: its pre-filter fields, then the vector field.
 * Written from the documentation, apart from the adapters, so it can catch what they get wrong.
 */

export interface RecordedQuery {
  collectionId: string;
  allDescendants: boolean;
  where?: ProtoFilter;
  orderBy?: { field: { fieldPath: string }; direction?: string }[];
  findNearest?: { vectorField: { fieldPath: string }; queryVector?: unknown };
  /** Where the query was issued (the first project frame outside tests). */
  site?: string;
}
export interface ProtoFilter {
  compositeFilter?: { op: string; filters: ProtoFilter[] };
  fieldFilter?: { field: { fieldPath: string }; op: string };
  unaryFilter?: { field: { fieldPath: string }; op: string };
}

export interface IndexField {
  fieldPath: string;
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
  vectorConfig?: { dimension: number };
}
export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: IndexField[];
}
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: { order?: string; arrayConfig?: string; queryScope?: string }[];
}
export interface IndexFile {
  indexes: CompositeIndex[];
  fieldOverrides?: FieldOverride[];
}

const EQUALITY_OPS = new Set(['EQUAL', 'IN', 'IS_NULL', 'IS_NAN']);
const ARRAY_OPS = new Set(['ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);
const NAME = '__name__';

interface Shape {
  equalities: { field: string; array: boolean }[];
  orders: { field: string; direction: 'ASCENDING' | 'DESCENDING' }[];
}

function conjuncts(filter: ProtoFilter | undefined): { field: string; op: string }[][] {
  if (!filter) return [[]];
  if (filter.fieldFilter) return [[{ field: filter.fieldFilter.field.fieldPath, op: filter.fieldFilter.op }]];
  if (filter.unaryFilter) return [[{ field: filter.unaryFilter.field.fieldPath, op: filter.unaryFilter.op }]];
  const { op, filters } = filter.compositeFilter!;
  const parts = filters.map(conjuncts);
  if (op === 'OR') return parts.flat();
  // AND: the cross product of the parts' disjuncts (each disjunct needs its own index).
  return parts.reduce<{ field: string; op: string }[][]>(
    (acc, part) => acc.flatMap((a) => part.map((p) => [...a, ...p])),
    [[]],
  );
}

/** The shapes (one per disjunct) an index has to serve. */
export function shapesOf(query: RecordedQuery): Shape[] {
  return conjuncts(query.where).map((filters) => {
    const equalities = filters
      .filter((f) => EQUALITY_OPS.has(f.op) || ARRAY_OPS.has(f.op))
      .map((f) => ({ field: f.field, array: ARRAY_OPS.has(f.op) }));
    const inequalityFields = [
      ...new Set(filters.filter((f) => !EQUALITY_OPS.has(f.op) && !ARRAY_OPS.has(f.op)).map((f) => f.field)),
    ];
    const explicit = (query.orderBy ?? []).map((o) => ({
      field: o.field.fieldPath,
      direction: (o.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING') as Shape['orders'][number]['direction'],
    }));
    const lastDirection = explicit.at(-1)?.direction ?? 'ASCENDING';
    const implicit = inequalityFields
      .filter((f) => !explicit.some((o) => o.field === f))
      .sort()
      .map((field) => ({ field, direction: lastDirection }));
    const orders = [...explicit, ...implicit].filter((o) => o.field !== NAME);
    return { equalities: dedupe(equalities), orders };
  });
}

function dedupe<T extends { field: string }>(items: T[]): T[] {
  return items.filter((x, i) => items.findIndex((y) => y.field === x.field) === i);
}

/** Why the query cannot be served, or undefined when it can. */
export function coverageProblem(query: RecordedQuery, file: IndexFile): string | undefined {
  const scope = query.allDescendants ? 'COLLECTION_GROUP' : 'COLLECTION';
  for (const shape of shapesOf(query)) {
    const problem = query.findNearest
      ? vectorProblem(query, shape, file, scope)
      : singleFieldServes(query, shape, file, scope)
        ? undefined
        : compositeServes(query.collectionId, shape, file, scope)
          ? undefined
          : `needs a composite index on ${query.collectionId} (${describe(shape)})`;
    if (problem) return problem;
  }
  return undefined;
}

function describe(shape: Shape): string {
  return [
    ...shape.equalities.map((e) => `${e.field} ${e.array ? 'CONTAINS' : '=='}`),
    ...shape.orders.map((o) => `${o.field} ${o.direction}`),
  ].join(', ');
}

function singleFieldServes(query: RecordedQuery, shape: Shape, file: IndexFile, scope: string): boolean {
  const fields = [...shape.equalities.map((e) => e.field), ...shape.orders.map((o) => o.field)];
  const simple = shape.orders.length === 0 || (shape.orders.length === 1 && shape.equalities.length === 0);
  if (!simple) return false;
  return fields.every((f) => singleFieldIndexed(query.collectionId, f, file, scope));
}

function singleFieldIndexed(collection: string, field: string, file: IndexFile, scope: string): boolean {
  const override = file.fieldOverrides?.find((o) => o.collectionGroup === collection && o.fieldPath === field);
  if (!override) return scope === 'COLLECTION';
  return override.indexes.some((i) => (i.queryScope ?? 'COLLECTION') === scope);
}

function compositeServes(collection: string, shape: Shape, file: IndexFile, scope: string): boolean {
  return file.indexes.some((index) => {
    if (index.collectionGroup !== collection || index.queryScope !== scope) return false;
    const fields = index.fields.filter((f) => f.fieldPath !== NAME);
    return matchesPrefixAndOrders(fields, shape) && fields.length === shape.equalities.length + shape.orders.length;
  });
}

function matchesPrefixAndOrders(fields: IndexField[], shape: Shape): boolean {
  const n = shape.equalities.length;
  const prefix = fields.slice(0, n);
  const equalitiesCovered = shape.equalities.every((e) =>
    prefix.some((f) => f.fieldPath === e.field && (e.array ? f.arrayConfig === 'CONTAINS' : f.order !== undefined)),
  );
  const rest = fields.slice(n);
  const ordersCovered = shape.orders.every((o, i) => rest[i]?.fieldPath === o.field && rest[i]?.order === o.direction);
  return equalitiesCovered && ordersCovered;
}

function vectorProblem(query: RecordedQuery, shape: Shape, file: IndexFile, scope: string): string | undefined {
  const vectorField = query.findNearest!.vectorField.fieldPath;
  const served = file.indexes.some((index) => {
    if (index.collectionGroup !== query.collectionId || index.queryScope !== scope) return false;
    const last = index.fields.at(-1);
    if (last?.fieldPath !== vectorField || !last.vectorConfig) return false;
    const before = index.fields.slice(0, -1);
    return (
      before.length === shape.equalities.length + shape.orders.length &&
      matchesPrefixAndOrders(before, {
        equalities: shape.equalities,
        orders: shape.orders.map((o) => ({ ...o, direction: 'ASCENDING' })),
      })
    );
  });
  return served
    ? undefined
    : `needs a vector index on ${query.collectionId} (${describe(shape)}, ${vectorField} vector)`;
}
