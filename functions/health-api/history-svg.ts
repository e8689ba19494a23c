import { summarize, type HourHistory } from '@backbone/shared/health';

/** One segment of an uptime bar: its label and how its checks went. */
export interface Segment {
  label: string;
  checks: number;
  ok: number;
}

const colourOf = (s: Segment) =>
  s.checks === 0 ? '#d0d7de' : s.ok === s.checks ? '#1a7f37' : s.ok / s.checks >= 0.95 ? '#9a6700' : '#cf222e';
const percent = (ok: number, checks: number) => (checks ? `${((100 * ok) / checks).toFixed(2)}%` : 'no data');

/**
 * An uptime bar as status pages draw them: one segment per hour or day, green when every check
 * passed, amber above 95%, red below, grey without data; each segment has its own text (a
 * `<title>`), and the whole bar an `aria-label`, so the state is never in colour alone.
 */
export function uptimeBar(caption: string, segments: Segment[]): string {
  const total = segments.reduce((a, s) => ({ ok: a.ok + s.ok, checks: a.checks + s.checks }), { ok: 0, checks: 0 });
  const width = 4;
  const gap = 1;
  const rects = segments
    .map(
      (s, i) =>
        `<rect x="${i * (width + gap)}" y="0" width="${width}" height="20" rx="1" fill="${colourOf(s)}"><title>${s.label}: ${percent(s.ok, s.checks)} of ${s.checks} checks</title></rect>`,
    )
    .join('');
  return `<svg class="bar" role="img" aria-label="${caption}: ${percent(total.ok, total.checks)} up" width="${segments.length * (width + gap)}" height="20" viewBox="0 0 ${segments.length * (width + gap)} 20">${rects}</svg>`;
}

/** Mean latency per hour as a line, its range in its label. */
export function sparkline(caption: string, points: (number | null)[]): string {
  const known = points.filter((p): p is number => p !== null);
  if (known.length === 0) return `<span class="meta">no latency data</span>`;
  const max = Math.max(...known, 1);
  const w = 96;
  const h = 20;
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  const path = points
    .map((p, i) => (p === null ? null : `${(i * step).toFixed(1)},${(h - 1 - (p / max) * (h - 2)).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  return `<svg class="spark" role="img" aria-label="${caption}: ${Math.round(Math.min(...known))}–${Math.round(max)} ms" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${path}"/></svg>`;
}

/** The last 24 hours hour by hour, and the last 7 days day by day, from the hourly histories. */
export function historyOf(hours: string[], histories: HourHistory[]) {
  const byHour = new Map(histories.map((h) => [h.hour, h]));
  const last24 = hours.slice(-24);
  const hourly = last24.map((hour) => ({ label: `${hour}:00 UTC`, ...summarize([byHour.get(hour)]) }));
  const days = [...new Set(hours.map((h) => h.slice(0, 10)))].slice(-7);
  const daily = days.map((day) => ({
    label: day,
    ...summarize(hours.filter((h) => h.startsWith(day)).map((h) => byHour.get(h))),
  }));
  return { hourly, daily, latency: hourly.map((s) => s.latencyMs) };
}
