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
  /** The masked text for a match and its capture groups; the match itself when it is not PII after all. */
  replace?: (match: string, groups: string[]) => string;
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

// Verhoeff's multiplication table (the dihedral group D5) and permutation table, rows split by spaces.
const table = (rows: string) => rows.split(' ').map((row) => [...row].map(Number));
const VERHOEFF_D = table(
  '0123456789 1234067895 2340178956 3401289567 4012395678 5987604321 6598710432 7659821043 8765932104 9876543210',
);
const VERHOEFF_P = table('0123456789 1576283094 5803796142 8916043527 9453126870 4286573901 2793806415 7046913258');

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

/** GSTIN (India's GST number): 2-digit state, a PAN, entity, `Z`, and a base-36 check character. */
export function gstinValid(candidate: string): boolean {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = alphabet.indexOf(candidate[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return alphabet[(36 - (sum % 36)) % 36] === candidate[14];
}

const digitCountBetween = (min: number, max: number) => (match: string) => {
  const n = digitsOf(match).length;
  return n >= min && n <= max;
};

/**
 * Every pattern runs in linear time on any input: a quantifier over an open-ended run either is
 * bounded or starts only where its run starts (a lookbehind for the run's own characters), and no
 * two quantifiers can split one run between them. Order matters: tokens before the digit
 * patterns they contain, e-mail before UPI ids, cards before phones.
 */
const detectors: Detector[] = [
  {
    // A PEM private key; one without its END line is masked to the end of the text.
    kind: 'PRIVATE_KEY',
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----(?:(?!-----END)[\s\S])*(?:-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----)?/g,
  },
  {
    kind: 'JWT',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g,
  },
  {
    // Bearer tokens of any length; Basic credentials (base64 of user:password). Prose such as
    // "basic authentication" is not a credential: a lower-case word after it is left alone.
    kind: 'TOKEN',
    pattern: /(?<![A-Za-z0-9_])(?:[Bb]earer[ \t]+[A-Za-z0-9._~+/=-]+|[Bb]asic[ \t]+[A-Za-z0-9+/]{8,}={0,2})/g,
    confirm: (m) => {
      const [word, token] = m.split(/[ \t]+/) as [string, string];
      return word === 'Bearer' || !/^[a-z]+$/.test(token);
    },
    replace: (m) => `${m.split(/[ \t]+/)[0]} [REDACTED_TOKEN]`,
  },
  {
    // Backbone keys (bb_live_/bb_test_), Stripe keys and webhook secrets, Google API keys,
    // GitHub and Slack tokens, AWS access key ids.
    kind: 'API_KEY',
    pattern:
      /(?<![A-Za-z0-9_])(?:bb_(?:live|test)_[A-Za-z0-9_]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})(?![A-Za-z0-9_])/g,
  },
  {
    // `password=...`, `"clientSecret": "..."`, `?access_token=...` in free text and URLs.
    kind: 'SECRET',
    pattern: /(?<![\w-])(["']?)([A-Za-z][\w-]{0,63})\1([ \t]*[:=][ \t]*)(["']?)([^\s"',;&?#}\]]+)/g,
    replace: maskSecretAssignment,
  },
  {
    // Internationalized addresses too: letters of any script, punycode top-level domains.
    kind: 'EMAIL',
    pattern:
      /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]{1,256}@(?:[\p{L}\p{M}\p{N}-]{1,63}\.){1,10}(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{M}\p{N}-])/gu,
  },
  {
    // UPI virtual payment addresses: `name@bank`, no dot after the handle.
    kind: 'UPI',
    pattern: /(?<![\w.-])[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9]{1,63}(?![\w.@-])/g,
  },
  {
    kind: 'IBAN',
    pattern: /(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![A-Z0-9])/g,
    confirm: ibanValid,
  },
  {
    kind: 'GSTIN',
    pattern: /(?<![A-Z0-9])\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z](?![A-Z0-9])/g,
    confirm: gstinValid,
  },
  { kind: 'CARD', pattern: /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, confirm: luhnValid },
  {
    kind: 'AADHAAR',
    pattern: /(?<!\d)[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?!\d)/g,
    confirm: verhoeffValid,
  },
  { kind: 'PAN', pattern: /(?<![A-Z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![A-Z0-9])/g },
  {
    // E.164 (+ and 8 to 15 digits; spaces, dots, dashes, an area code in parentheses) and Indian
    // mobiles with or without +91/0.
    kind: 'PHONE',
    pattern: /(?<![\w+])(?:\+[1-9](?:[ .-]?\(?\d\)?){7,14}|(?:0|91[ -]?)?[6-9]\d{4}[ -]?\d{5})(?!\d)/g,
  },
  {
    // North American national numbers: (415) 555-2671, 415-555-2671, 415.555.2671.
    kind: 'PHONE',
    pattern: /(?<![\w+.-])(?:\([2-9]\d{2}\)[ ]?\d{3}[-. ]\d{4}|[2-9]\d{2}([-. ])\d{3}\1\d{4})(?![\w-])/g,
  },
  {
    // National numbers behind a trunk 0 (UK, Germany, France, India...): 020 7946 0958,
    // 07911 123456, 030 12345678, 01 23 45 67 89; 10 or 11 digits.
    kind: 'PHONE',
    pattern: /(?<![\w+.-])0[1-9]\d{0,4}([ -])\d{2,8}(?:\1\d{2,8}){0,3}(?![\w-])/g,
    confirm: digitCountBetween(10, 11),
  },
];

/**
 * Keys whose values are secret whatever they look like: compared without case, `-` or `_`, so
 * `STRIPE_API_KEY`, `clientSecret`, `x-api-key` and `accessToken` all count.
 */
const SECRET_KEY_NAMES = new Set([
  'pass',
  'pwd',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'session',
  'sessionid',
  'credentials',
]);
const SECRET_KEY_SUFFIXES = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'signature',
  'credential',
];

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_NAMES.has(k) || SECRET_KEY_SUFFIXES.some((suffix) => k.endsWith(suffix));
}

/** The longest text matched at once; the rest is cut, never scanned. */
export const MAX_MASKED_LENGTH = 64 * 1024;

/** `key=value` with a secret-looking key: the value masked, the rest kept. */
function maskSecretAssignment(match: string, groups: string[]): string {
  const [, key, separator, quote, value] = groups as [string, string, string, string, string];
  if (!isSecretKey(key) || value.startsWith('[REDACTED') || /^(?:Bearer|Basic|Token)$/i.test(value)) return match;
  return `${groups[0]}${key}${groups[0]}${separator}${quote}[REDACTED]`;
}

function maskOnce(text: string, found?: Map<string, number>): string {
  let out = text;
  for (const detector of detectors) {
    out = out.replace(detector.pattern, (match: string, ...rest: unknown[]) => {
      if (detector.confirm && !detector.confirm(match)) return match;
      // The replacer's last two arguments are the offset and the whole text; before them, the groups.
      const groups = rest.slice(0, -2) as string[];
      const masked = detector.replace ? detector.replace(match, groups) : `[REDACTED_${detector.kind}]`;
      if (masked !== match) found?.set(detector.kind, (found.get(detector.kind) ?? 0) + 1);
      return masked;
    });
  }
  return out;
}

/** Decodes %XX escapes where they form UTF-8 (twice, for double encoding); malformed ones stay. */
export function percentDecodeLenient(text: string): string {
  let out = text;
  for (let round = 0; round < 2 && /%[0-9A-Fa-f]{2}/.test(out); round++) {
    out = out.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
  return out;
}

function maskAll(text: string, found?: Map<string, number>): string {
  const capped =
    text.length > MAX_MASKED_LENGTH
      ? `${text.slice(0, MAX_MASKED_LENGTH)}[TRUNCATED ${text.length - MAX_MASKED_LENGTH} chars]`
      : text;
  // Percent-encoded PII (asha%40example.com) is masked in its decoded form.
  const decoded = percentDecodeLenient(capped);
  if (decoded !== capped) {
    const masked = maskOnce(decoded, found);
    if (masked !== decoded) return masked;
  }
  return maskOnce(capped, found);
}

/** Masks every kind of PII the detectors know in a string. */
export function maskPii(text: string): string {
  return maskAll(text);
}

/** The kinds of PII (and secrets) found in a text, with counts; scans all of it, 64 KiB at a time. */
export function findPii(text: string): Record<string, number> {
  const found = new Map<string, number>();
  const window = MAX_MASKED_LENGTH;
  const overlap = 1024;
  for (let start = 0; start < text.length; start += window - overlap) {
    maskAll(text.slice(start, start + window), found);
    if (start + window >= text.length) break;
  }
  return Object.fromEntries(found);
}

/**
 * Objects that describe a person in Stripe's API (a customer, billing and shipping details):
 * their `name`, `address`, `phone` and `email` are personal whatever they look like.
 */
const PERSON_CONTAINER_KEYS = new Set([
  'billing_details',
  'shipping',
  'shipping_details',
  'customer_details',
  'customer_shipping',
  'owner',
  'individual',
]);
const PERSON_FIELDS: Record<string, string> = {
  name: '[REDACTED_NAME]',
  address: '[REDACTED_ADDRESS]',
  phone: '[REDACTED_PHONE]',
  email: '[REDACTED_EMAIL]',
};
/** Personal wherever they appear (Stripe's invoice copies of the customer, card address fields). */
const PERSONAL_KEYS: Record<string, string> = {
  customer_name: '[REDACTED_NAME]',
  customer_address: '[REDACTED_ADDRESS]',
  customer_phone: '[REDACTED_PHONE]',
  customer_email: '[REDACTED_EMAIL]',
  cardholder_name: '[REDACTED_NAME]',
};
const ADDRESS_KEY = /^address_(?:line1|line2|city|state|zip|postal_code|country)$/;

function personalMask(key: string, inPerson: boolean): string | undefined {
  if (PERSONAL_KEYS[key]) return PERSONAL_KEYS[key];
  if (ADDRESS_KEY.test(key)) return '[REDACTED_ADDRESS]';
  return inPerson ? PERSON_FIELDS[key] : undefined;
}

/**
 * Masks a whole value: strings anywhere inside it, every value under a secret-looking key, and
 * the personal fields of Stripe's customer, billing and shipping details.
 * Errors become plain objects (name, message, code, stack) so they are masked too.
 */
export function maskDeep(value: unknown, depth = 0, inPerson = false): unknown {
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
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1, inPerson));
  const record = value as Record<string, unknown>;
  const isPerson = inPerson || record.object === 'customer';
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const present = item !== undefined && item !== null;
    const personal = present ? personalMask(key, isPerson) : undefined;
    if (present && isSecretKey(key)) out[key] = '[REDACTED]';
    else if (personal) out[key] = personal;
    else out[key] = maskDeep(item, depth + 1, PERSON_CONTAINER_KEYS.has(key));
  }
  return out;
}
