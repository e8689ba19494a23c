import type { HealthSample } from './health-schemas';

/**
 * A service's checks in one UTC hour, one entry per round (`minutes`: minute → [ok 1|0, latency
 * ms]): written with the round's samples as a merge of that round's own key, so a re-run round
 * overwrites rather than counts twice, and a document takes one write a minute. The status page
 * draws its uptime bars and latency sparklines from these, never from the samples.
 */
export interface HourHistory {
  serviceId: string;
  /** `YYYY-MM-DDTHH`, UTC. */
  hour: string;
  minutes: Record<string, [number, number]>;
}

/** How long an hour's history is kept (the 7-day bar, and a day's margin). */
export const HISTORY_DAYS = 8;

export const hourOf = (at: Date) => at.toISOString().slice(0, 13);

/** The hours from `since` up to `now`, oldest first. */
export function hoursBetween(since: Date, now: Date): string[] {
  const hours: string[] = [];
  for (
    let t = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate(), since.getUTCHours());
    t <= now.getTime();
    t += 3_600_000
  )
    hours.push(hourOf(new Date(t)));
  return hours;
}

/** A sample's entry in its hour: the round's minute, and what the check found. */
export function historyEntry(sample: HealthSample): { hour: string; minute: string; value: [number, number] } {
  return {
    hour: hourOf(sample.at),
    minute: sample.at.toISOString().slice(14, 16),
    value: [sample.ok ? 1 : 0, Math.round(sample.latencyMs)],
  };
}

/** Checks, successes and mean latency of a set of hours (a bar segment, a sparkline point). */
export function summarize(hours: (HourHistory | undefined)[]): {
  checks: number;
  ok: number;
  latencyMs: number | null;
} {
  let checks = 0;
  let ok = 0;
  let latency = 0;
  for (const h of hours)
    for (const [up, ms] of Object.values(h?.minutes ?? {})) {
      checks++;
      ok += up;
      latency += ms;
    }
  return { checks, ok, latencyMs: checks ? latency / checks : null };
}
