import { ValidationError } from '@backbone/shared/core';
import type { DayRange } from '@backbone/shared/runlogs';

const DAY_MS = 86_400_000;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/** A period of UTC days: `to` defaults to today, `from` to 30 days before it; at most 366 days. */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, now: Date): DayRange {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw new ValidationError('`from` is after `to`.', [{ path: 'query.from', message: 'after to' }]);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_DAYS)
    throw new ValidationError(`A period is at most ${MAX_DAYS} days.`, [{ path: 'query.from', message: 'too early' }]);
  return { from, to };
}
