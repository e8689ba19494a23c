import type { Incident, PlatformSnapshot } from '@backbone/shared/health';
import { sparkline, uptimeBar, type historyOf } from './history-svg';

type History = ReturnType<typeof historyOf>;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Each state in words next to its colour: the colour is never the only signal. */
const statusText: Record<string, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  impacted: 'Impacted',
  unknown: 'Unknown',
};

const platformText = {
  operational: 'All systems operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
} as const;

/** A server-rendered page a person reads at a glance; refreshes itself every 30 s. */
export function renderStatusPage(
  snapshot: PlatformSnapshot | undefined,
  incidents: Incident[],
  now: Date,
  histories: Map<string, History> = new Map(),
): string {
  const banner = snapshot
    ? `<div class="banner ${snapshot.status}" role="status">${platformText[snapshot.status]}</div>
       <p class="meta">Round ${escape(snapshot.round)} finished ${escape(snapshot.at.toISOString())} in ${snapshot.durationMs} ms,
       ${Math.round((now.getTime() - snapshot.at.getTime()) / 1000)} s ago.</p>`
    : `<div class="banner unknown" role="status">No aggregation round has run yet</div>`;
  const rows = (snapshot?.services ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (s) =>
        `<tr><th scope="row">${escape(s.name)}</th><td><span class="dot ${s.status}" aria-hidden="true"></span>${statusText[s.status]}${
          s.impactedBy.length ? ` <small>by ${escape(s.impactedBy.join(', '))}</small>` : ''
        }</td><td>${s.criticality}</td><td class="num">${s.httpStatus ?? '—'}</td><td class="num">${s.latencyMs.toFixed(0)} ms</td><td>${escape(s.since.toISOString())}</td>${historyCells(escape(s.name), histories.get(s.id))}</tr>`,
    )
    .join('\n');
  const incidentItems = incidents.length
    ? incidents
        .map(
          (i) =>
            `<li><a href="/status/incidents/${encodeURIComponent(i.id)}"><strong>${escape(i.serviceName)}</strong></a> ${i.severity}, since ${escape(i.openedAt.toISOString())} (${i.cause})${i.impacted.length ? `; impacts ${escape(i.impacted.join(', '))}` : ''}</li>`,
        )
        .join('\n')
    : '<li>None</li>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Backbone status</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
th[scope=row]{font-weight:400}footer{margin-top:2rem;color:#57606a;font-size:.9rem}svg{vertical-align:middle}
ol.timeline{border-left:3px solid #d0d7de;padding-left:1.2rem}ol.timeline li{margin:.4rem 0}
.banner{padding:1rem;border-radius:6px;font-size:1.3rem;font-weight:600;color:#fff}
.operational{background:#1a7f37}.degraded{background:#9a6700}.partial_outage{background:#bc4c00}.major_outage{background:#cf222e}.unknown{background:#57606a}
.meta{color:#57606a}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de}
.num{text-align:right}.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.4rem}
.dot.up{background:#1f883d}.dot.degraded{background:#bf8700}.dot.down{background:#cf222e}.dot.impacted{background:#d1602a}.dot.unknown{background:#6e7781}
</style></head><body>
<header><h1>Backbone platform status</h1>
${banner}</header>
<main>
<section aria-labelledby="incidents"><h2 id="incidents">Open incidents</h2><ul>${incidentItems}</ul></section>
<section aria-labelledby="services"><h2 id="services">Services</h2>
<table><caption class="meta">Each service's state after the last round</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Status</th><th scope="col">Criticality</th><th scope="col" class="num">HTTP</th><th scope="col" class="num">Latency</th><th scope="col">Since</th><th scope="col">Last 24 hours</th><th scope="col">Latency, 24 h</th><th scope="col">Last 7 days</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>
</main>
<footer>This page refreshes itself every 30 seconds and needs no JavaScript. Machine-readable: <a href="/v1/health/summary">/v1/health/summary</a>.</footer>
</body></html>`;
}

function historyCells(name: string, history: History | undefined): string {
  if (!history) return '<td class="meta">—</td><td class="meta">—</td><td class="meta">—</td>';
  return `<td>${uptimeBar(`${name}, last 24 hours`, history.hourly)}</td><td>${sparkline(`${name} mean latency by hour`, history.latency)}</td><td>${uptimeBar(`${name}, last 7 days`, history.daily)}</td>`;
}

/** One incident: what happened when, in order, and the service's uptime around it. */
export function renderIncidentPage(incident: Incident, now: Date, history: History | undefined): string {
  const events = [
    {
      at: incident.openedAt,
      text: `Opened: ${escape(incident.serviceName)} ${incident.severity}, cause ${incident.cause}.`,
    },
    ...(incident.impacted.length
      ? [{ at: incident.openedAt, text: `Impacts ${escape(incident.impacted.join(', '))} (they depend on it).` }]
      : []),
    incident.resolvedAt
      ? { at: incident.resolvedAt, text: 'Resolved.' }
      : { at: now, text: 'Ongoing: the platform checks the service every minute.' },
  ];
  const minutes = Math.round(((incident.resolvedAt ?? now).getTime() - incident.openedAt.getTime()) / 60_000);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Incident: ${escape(incident.serviceName)}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
.meta{color:#57606a}svg{vertical-align:middle}ol.timeline{border-left:3px solid #d0d7de;padding-left:1.2rem}ol.timeline li{margin:.4rem 0}
footer{margin-top:2rem;color:#57606a;font-size:.9rem}</style></head><body>
<header><h1>Incident: ${escape(incident.serviceName)}</h1>
<p role="status">${incident.status === 'open' ? 'Ongoing' : 'Resolved'}, ${minutes} minutes${incident.status === 'open' ? ' so far' : ''}.</p></header>
<main>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
<ol class="timeline">${events.map((e) => `<li><time datetime="${e.at.toISOString()}">${escape(e.at.toISOString())}</time> ${e.text}</li>`).join('')}</ol></section>
${history ? `<section aria-labelledby="uptime"><h2 id="uptime">Uptime of ${escape(incident.serviceName)}</h2><p>Last 24 hours ${uptimeBar(`${escape(incident.serviceName)}, last 24 hours`, history.hourly)}</p><p>Last 7 days ${uptimeBar(`${escape(incident.serviceName)}, last 7 days`, history.daily)}</p></section>` : ''}
</main>
<footer><a href="/status">All services</a></footer>
</body></html>`;
}
