import { z } from 'zod';
import { findPii, maskPii } from './pii-masker';

/**
 * Free text a caller sends that Backbone stores (names, descriptions, reasons) passes the masker
 * as logs do: what is stored, audited and shown back never holds PII or a secret unmasked.
 */
export const maskedText = <S extends z.ZodString>(schema: S) => schema.transform((text) => maskPii(text));

/** "EMAIL ×2, PHONE ×1": what was found, never the values. */
export function describeFindings(found: Record<string, number>): string {
  return Object.entries(found)
    .map(([kind, count]) => `${kind} ×${count}`)
    .join(', ');
}

/**
 * A stored URL is used, not only shown, so it cannot be masked: one that carries personal data or
 * a credential (after percent-decoding: a token in the query, an e-mail in the path) is refused.
 */
export const piiFreeUrl = <S extends z.ZodType<string>>(schema: S) =>
  schema.superRefine((url, ctx) => {
    const found = findPii(url);
    if (Object.keys(found).length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `the URL carries personal data or a credential (${describeFindings(found)}): keep them out of URLs`,
      });
  });

/** Text that must hold no PII at all (a constitution is published to every tenant): refused, naming what was found. */
export function refuseIfPii(text: string, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const found = findPii(text);
  if (Object.keys(found).length > 0)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `contains personal data or secrets (${describeFindings(found)}); remove them and upload again`,
    });
}

/** Every string inside a value, for checking structured uploads. */
export function stringsIn(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 32) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, depth + 1, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) stringsIn(item, depth + 1, out);
  return out;
}
