import type { z } from 'zod';
import { ValidationError } from '../errors/app-errors';
import { toFieldIssues } from '../errors/zod-issues';

/**
 * Validates a request part with its schema; a mismatch is a 400 problem listing every issue.
 *
 * @example
 * const { window } = parseWith(WindowQuerySchema, Object.fromEntries(ctx.query), 'query');
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, toFieldIssues(parsed.error));
  return parsed.data;
}
