import { Timestamp } from '@google-cloud/firestore';
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
