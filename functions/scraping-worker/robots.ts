/**
 * robots.txt as RFC 9309 defines it and as Google's reference parser (google/robotstxt) reads it;
 * `shared/test/robots-rfc9309.test.ts` runs Google's own test cases against this code.
 */

/** Backbone's crawler, as robots.txt files name it. */
export const SCRAPER_AGENT = 'BackboneBot';
export const SCRAPER_USER_AGENT = `${SCRAPER_AGENT}/1.0 (+https://backbone.example.com/bot)`;

/** What a host's robots.txt says to Backbone's user agent. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** The host's `Crawl-delay` for us, in ms (0 when none). */
  crawlDelayMs: number;
}

/** RFC 9309 §2.5: at least the first 500 KiB are parsed; the fetch keeps that much of a larger file. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** Google's parser ignores the rest of a line past 8 × 2083 bytes. */
const MAX_LINE_BYTES = 2083 * 8;

type Directive =
  | { kind: 'user-agent'; value: string }
  | { kind: 'allow' | 'disallow'; pattern: string }
  | { kind: 'crawl-delay'; value: string }
  | { kind: 'other' };

/** The directives of a robots.txt, in order. A (partial) UTF-8 byte-order mark is skipped. */
export function parseRobotsTxt(body: string | Uint8Array): Directive[] {
  let bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const bom = [0xef, 0xbb, 0xbf];
  let skip = 0;
  while (skip < 3 && bytes[skip] === bom[skip]) skip++;
  bytes = bytes.subarray(skip);
  const directives: Directive[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = bytes[i];
    if (i < bytes.length && byte !== 0x0a && byte !== 0x0d) continue;
    const line = bytes.subarray(start, Math.min(i, start + MAX_LINE_BYTES - 1));
    const directive = parseLine(line.toString('utf8'));
    if (directive) directives.push(directive);
    if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  return directives;
}

/** C's isspace, as the reference trims: not JavaScript's trim, which also drops a stray BOM. */
const trimSpace = (text: string) => text.replace(/^[ \t\v\f\r\n]+|[ \t\v\f\r\n]+$/g, '');

function parseLine(raw: string): Directive | undefined {
  const hash = raw.indexOf('#');
  const line = trimSpace(hash >= 0 ? raw.slice(0, hash) : raw);
  if (!line) return undefined;
  let key: string;
  let value: string;
  const colon = line.indexOf(':');
  if (colon >= 0) {
    key = trimSpace(line.slice(0, colon));
    value = trimSpace(line.slice(colon + 1));
  } else {
    // A forgotten colon ("disallow /") is accepted when the line is exactly two words.
    const parts = line.split(/[ \t]+/);
    if (parts.length !== 2) return { kind: 'other' };
    [key, value] = parts as [string, string];
  }
  if (!key) return undefined;
  const k = key.toLowerCase();
  const startsWithAny = (...names: string[]) => names.some((n) => k.startsWith(n));
  if (startsWithAny('user-agent', 'useragent', 'user agent')) return { kind: 'user-agent', value };
  if (startsWithAny('allow')) return { kind: 'allow', pattern: escapePattern(value) };
  if (startsWithAny('disallow', 'dissallow', 'dissalow', 'disalow', 'diasllow', 'disallaw'))
    return { kind: 'disallow', pattern: escapePattern(value) };
  if (startsWithAny('crawl-delay', 'crawldelay')) return { kind: 'crawl-delay', value };
  // Sitemap and unknown lines neither belong to nor end a group.
  return { kind: 'other' };
}

/** Bytes outside US-ASCII are percent-encoded and existing escapes upper-cased, as URLs are compared. */
export function escapePattern(pattern: string): string {
  let out = '';
  for (const byte of Buffer.from(pattern, 'utf8')) {
    out += byte >= 0x80 ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => `%${hex.toUpperCase()}`);
}

/** The path, params and query of a URL (no fragment), as robots.txt rules are matched against. */
export function pathParamsQuery(url: string): string {
  const searchStart = url.startsWith('//') ? 2 : 0;
  const earlyPath = firstOf(url, '/?;', searchStart);
  let protocolEnd = url.indexOf('://', searchStart);
  if (protocolEnd < 0 || (earlyPath >= 0 && earlyPath < protocolEnd)) protocolEnd = searchStart;
  else protocolEnd += 3;
  const pathStart = firstOf(url, '/?;', protocolEnd);
  if (pathStart < 0) return '/';
  const hash = url.indexOf('#', searchStart);
  if (hash >= 0 && hash < pathStart) return '/';
  const path = url.slice(pathStart, hash >= 0 ? hash : url.length);
  return path.startsWith('/') ? path : `/${path}`;
}

function firstOf(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return -1;
}

/**
 * Whether `pattern` (with `*` for any run and a final `$` for the end) matches a prefix of
 * `path`. Tracks every position the pattern can have reached: linear in path × pattern.
 */
export function patternMatches(path: string, pattern: string): boolean {
  let positions = [0];
  for (let p = 0; p < pattern.length; p++) {
    const ch = pattern[p]!;
    if (ch === '$' && p === pattern.length - 1) return positions.at(-1) === path.length;
    if (ch === '*') {
      const from = positions[0]!;
      positions = Array.from({ length: path.length - from + 1 }, (_, i) => from + i);
      continue;
    }
    const next: number[] = [];
    for (const at of positions) if (at < path.length && path[at] === ch) next.push(at + 1);
    if (next.length === 0) return false;
    positions = next;
  }
  return true;
}

/** A user-agent line's product token: its leading run of letters, `_` and `-`. */
const productToken = (value: string) => /^[A-Za-z_-]*/.exec(value)![0];
const isGlobalAgent = (value: string) => value.startsWith('*') && (value.length === 1 || /\s/.test(value[1]!));

interface Verdict {
  allowed: boolean;
  crawlDelaySeconds: number | undefined;
}

/**
 * Google's matcher: the groups naming our agent (all of them, merged) decide if any exist, else the
 * `*` groups; within them the longest matching rule wins, and allow wins a tie. A group runs from
 * its user-agent lines to the next user-agent line after a rule.
 */
export function evaluate(directives: Directive[], agent: string, url: string): Verdict {
  const path = pathParamsQuery(url);
  const best = { allow: { specific: -1, global: -1 }, disallow: { specific: -1, global: -1 } };
  const delay: { specific?: string; global?: string } = {};
  let seenGlobal = false;
  let seenSpecific = false;
  let everSpecific = false;
  let seenRule = false;
  const ours = agent.toLowerCase();
  const apply = (kind: 'allow' | 'disallow', pattern: string) => {
    const priority = patternMatches(path, pattern) ? pattern.length : -1;
    if (seenSpecific) best[kind].specific = Math.max(best[kind].specific, priority);
    if (seenGlobal) best[kind].global = Math.max(best[kind].global, priority);
  };
  for (const d of directives) {
    if (d.kind === 'user-agent') {
      if (seenRule) seenGlobal = seenSpecific = seenRule = false;
      if (isGlobalAgent(d.value)) seenGlobal = true;
      else if (ours && productToken(d.value).toLowerCase() === ours) seenSpecific = everSpecific = true;
      continue;
    }
    if (!seenGlobal && !seenSpecific) continue;
    if (d.kind === 'crawl-delay') {
      if (seenSpecific) delay.specific ??= d.value;
      if (seenGlobal) delay.global ??= d.value;
      continue;
    }
    if (d.kind !== 'allow' && d.kind !== 'disallow') continue;
    seenRule = true;
    apply(d.kind, d.pattern);
    // "/dir/index.html" allowed allows "/dir/" too.
    if (d.kind === 'allow') {
      const slash = d.pattern.lastIndexOf('/');
      if (slash >= 0 && d.pattern.slice(slash).startsWith('/index.htm'))
        apply('allow', `${d.pattern.slice(0, slash + 1)}$`);
    }
  }
  let disallowed: boolean;
  if (best.allow.specific > 0 || best.disallow.specific > 0) disallowed = best.disallow.specific > best.allow.specific;
  else if (everSpecific) disallowed = false;
  else if (best.allow.global > 0 || best.disallow.global > 0) disallowed = best.disallow.global > best.allow.global;
  else disallowed = false;
  const delayText = everSpecific ? delay.specific : delay.global;
  const seconds = delayText === undefined ? undefined : Number(delayText);
  return {
    allowed: !disallowed,
    crawlDelaySeconds: seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
  };
}

/** RFC 9309: a robots.txt body as rules for our agent, for URLs of the robots.txt's own origin. */
export function robotsRules(robotsUrl: string, body: string | Uint8Array): RobotsRules {
  const directives = parseRobotsTxt(body);
  const origin = new URL(robotsUrl).origin;
  const delay = evaluate(directives, SCRAPER_AGENT, `${origin}/`).crawlDelaySeconds;
  return {
    isAllowed: (url) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return false;
      }
      // A robots.txt speaks for its own origin only: never ours to fetch elsewhere.
      return target.origin === origin && evaluate(directives, SCRAPER_AGENT, target.href).allowed;
    },
    crawlDelayMs: delay !== undefined && delay > 0 ? Math.min(delay, 60) * 1000 : 0,
  };
}

/** RFC 9309 §2.3.1: no robots.txt (4xx) allows everything. */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: 0 };
/** RFC 9309 §2.3.1.4: an unreachable robots.txt (5xx, network) means assume complete disallow. */
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelayMs: 0 };
