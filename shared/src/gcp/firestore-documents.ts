import { Timestamp, type DocumentReference, type Firestore, type Query } from '@google-cloud/firestore';
import type { z } from 'zod';

/** Firestore Timestamps back to Dates, deeply, so documents can be checked with their zod schema. */
export function fromFirestore(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(fromFirestore);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromFirestore(v)]));
  }
  return value;
}

/** A document read back, validated (convention 3): a corrupt document fails loudly here. */
export function readDocument<S extends z.ZodType>(schema: S, data: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(fromFirestore(data));
  if (!parsed.success) throw new Error(`Document ${where} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** The documents a query answers, as `T` (Timestamps as Dates). */
export async function queryDocuments<T>(query: Query): Promise<T[]> {
  const snap = await query.get();
  return snap.docs.map((d) => fromFirestore(d.data()) as T);
}

/** A document as `T` (Timestamps as Dates), or undefined when there is none. */
export async function getDocument<T>(ref: DocumentReference): Promise<T | undefined> {
  const snap = await ref.get();
  return snap.exists ? (fromFirestore(snap.data()) as T) : undefined;
}

/**
 * Changes a document in a transaction: `change` sees it as it is and answers what it becomes, or
 * null to leave it. Answers the document after, or undefined when there is none.
 */
export function updateDocument<T extends object>(
  db: Firestore,
  ref: DocumentReference,
  change: (current: T) => T | null,
): Promise<T | undefined> {
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return undefined;
    const current = fromFirestore(snap.data()) as T;
    const next = change(current);
    if (next) tx.set(ref, next);
    return next ?? current;
  });
}
