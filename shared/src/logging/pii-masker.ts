/**
 * The PII masker every log record, problem detail and stored free text passes (004§1.1).
 * Each detector is a pattern plus, where a pattern alone would hit look-alikes (order ids,
 * timestamps), a checksum: Luhn for cards, mod-97 for IBANs, Verhoeff for Aadhaar.
 */

interface Detector {
  kind: string;
  pattern: RegExp;
  /** Confirms a candidate; without it every match is masked. */
  confirm?: (match: string) => boolean;
  replace?: (match: string) => string;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

export function luhnValid(number: string): boolean {
  const digits = digitsOf(number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/\s/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Aadhaar numbers carry a Verhoeff check digit. */
export function verhoeffValid(number: string): boolean {
  const digits = digitsOf(number);
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![d]!]!;
  }
  return c === 0;
}

// Order matters: tokens before the digit patterns they contain, cards before phones.
const detectors: Detector[] = [
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g },
  {
    kind: 'TOKEN',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (m) => `${m.split(/\s+/)[0]} [REDACTED_TOKEN]`,
  },
  {
    // Backbone keys (bb_live_/bb_test_), Stripe keys and webhook secrets, Google API keys,
    // GitHub and Slack tokens, AWS access key ids.
    kind: 'API_KEY',
    pattern:
      /\b(?:bb_(?:live|test)_[A-Za-z0-9_]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g,
  },
  { kind: 'EMAIL', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  {
    kind: 'IBAN',
    pattern: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g,
    confirm: ibanValid,
  },
  { kind: 'CARD', pattern: /(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d.])/g, confirm: luhnValid },
  {
    kind: 'AADHAAR',
    pattern: /(?<![\d.-])[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?![\d.])/g,
    confirm: verhoeffValid,
  },
  { kind: 'PAN', pattern: /\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b/g },
  {
    // E.164 (+ and 8 to 15 digits, separators allowed) and Indian mobiles with or without +91/0.
    kind: 'PHONE',
    pattern: /(?<![\w+])(?:\+[1-9](?:[ -]?\d){7,14}|(?:0|91[ -]?)?[6-9]\d{4}[ -]?\d{5})(?![\w.])/g,
  },
];

/** Keys whose values are secret whatever they look like. */
const SECRET_KEY =
  /^(?:pass(?:word)?|secret|.*_secret|client_secret|token|access_token|refresh_token|id_token|authorization|cookie|set-cookie|api[-_]?key|x-api-key|stripe-signature|signature|private[-_]?key)$/i;

/** Masks every kind of PII the detectors know in a string. */
export function maskPii(text: string): string {
  let out = text;
  for (const detector of detectors) {
    out = out.replace(detector.pattern, (match) => {
      if (detector.confirm && !detector.confirm(match)) return match;
      return detector.replace ? detector.replace(match) : `[REDACTED_${detector.kind}]`;
    });
  }
  return out;
}

/**
 * Masks a whole value: strings anywhere inside it, and every value under a secret-looking key.
 * Errors become plain objects (name, message, code, stack) so they are masked too.
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[TRUNCATED]';
  if (typeof value === 'string') return maskPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) plain.code = code;
    if (value.cause !== undefined) plain.cause = value.cause;
    return maskDeep(plain, depth + 1);
  }
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && item !== undefined && item !== null ? '[REDACTED]' : maskDeep(item, depth + 1);
  }
  return out;
}
