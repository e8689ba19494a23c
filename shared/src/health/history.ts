import type { HealthSample } from './health-schemas';

/**
 * A service's checks in one UTC hour, one entry per round (`minutes`: minute → [ok 1|0, latency
 * ms]). Stored in blocks of 10 minutes holding every service (`health_history/{hour}~{block}`,
 * `s.{service}.{minute}`), written once per round as a merge of that round's own keys: one write a
 * round whatever the number of services, a block document written at most once a minute, and a
 * re-run round overwriting rather than counting twice. The status page draws its uptime bars and
 * latency sparklines from these, never from the samples.
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

/** A block document as stored. */
export interface HistoryBlockDoc {
  hour: string;
  s: Record<string, Record<string, [number, number]>>;
}

/** The six 10-minute blocks of an hour. */
export const blockIds = (hour: string) => [0, 1, 2, 3, 4, 5].map((b) => `${hour}~${b}`);

/** A round's samples grouped into their blocks, for one merged write each. */
export class HistoryBlocks {
  private readonly byId = new Map<string, { at: Date; fields: HistoryBlockDoc }>();
  add(sample: HealthSample): void {
    const { hour, minute, value } = historyEntry(sample);
    const id = `${hour}~${Math.floor(Number(minute) / 10)}`;
    const block = this.byId.get(id) ?? { at: sample.at, fields: { hour, s: {} } };
    (block.fields.s[sample.serviceId] ??= {})[minute] = value;
    this.byId.set(id, block);
  }
  blocks(): { id: string; at: Date; fields: HistoryBlockDoc }[] {
    return [...this.byId].map(([id, b]) => ({ id, ...b }));
  }
}

/** Blocks read back as each service's hours. */
export function fromBlocks(blocks: HistoryBlockDoc[], serviceIds: string[]): HourHistory[] {
  const out = new Map<string, HourHistory>();
  for (const block of blocks)
    for (const serviceId of serviceIds) {
      const minutes = block.s?.[serviceId];
      if (!minutes) continue;
      const key = `${serviceId}~${block.hour}`;
      const found = out.get(key) ?? { serviceId, hour: block.hour, minutes: {} };
      Object.assign(found.minutes, minutes);
      out.set(key, found);
    }
  return [...out.values()];
}
