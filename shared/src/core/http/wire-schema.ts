import { z } from 'zod';

/**
 * A stored record's schema as it travels in JSON: every Date an ISO 8601 string, the rest as it
 * is. One schema of a record serves its store and its route contracts, so the two cannot drift.
 */
export function wireSchema(schema: z.ZodObject): z.ZodObject;
export function wireSchema(schema: z.ZodType): z.ZodType;
export function wireSchema(schema: z.ZodType): z.ZodType {
  const wired = toWire(schema);
  return schema.description ? wired.describe(schema.description) : wired;
}

function toWire(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDate) return z.iso.datetime();
  if (schema instanceof z.ZodNullable) return wireSchema(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return wireSchema(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodDefault) return wireSchema(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return z.array(wireSchema(schema.element as z.ZodType));
  if (schema instanceof z.ZodObject)
    return z.object(
      Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, wireSchema(field as z.ZodType)])),
    );
  return schema;
}
