/** The longest pause a host can ask for: beyond it, its sources wait for a later run. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3),
 * capped at MAX_RETRY_AFTER_MS (a host cannot park the worker for years, nor a timer past 2^31 ms).
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text.slice(0, 12)) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now.getTime()));
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
