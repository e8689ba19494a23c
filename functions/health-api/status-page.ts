import type { Incident, PlatformSnapshot } from '@backbone/shared/health';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const platformText = {
  operational: 'All systems operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
} as const;

/** A server-rendered page a person reads at a glance; refreshes itself every 30 s. */
export function renderStatusPage(snapshot: PlatformSnapshot | undefined, incidents: Incident[], now: Date): string {
  const banner = snapshot
    ? `<div class="banner ${snapshot.status}">${platformText[snapshot.status]}</div>
       <p class="meta">Round ${escape(snapshot.round)} finished ${escape(snapshot.at.toISOString())} in ${snapshot.durationMs} ms,
       ${Math.round((now.getTime() - snapshot.at.getTime()) / 1000)} s ago.</p>`
    : `<div class="banner unknown">No aggregation round has run yet</div>`;
  const rows = (snapshot?.services ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (s) =>
        `<tr><td>${escape(s.name)}</td><td><span class="dot ${s.status}"></span>${s.status}${
          s.impactedBy.length ? ` <small>by ${escape(s.impactedBy.join(', '))}</small>` : ''
        }</td><td>${s.criticality}</td><td class="num">${s.httpStatus ?? '—'}</td><td class="num">${s.latencyMs.toFixed(0)} ms</td><td>${escape(s.since.toISOString())}</td></tr>`,
    )
    .join('\n');
  const incidentItems = incidents.length
    ? incidents
        .map(
          (i) =>
            `<li><strong>${escape(i.serviceName)}</strong> ${i.severity}, since ${escape(i.openedAt.toISOString())} (${i.cause})${i.impacted.length ? `; impacts ${escape(i.impacted.join(', '))}` : ''}</li>`,
        )
        .join('\n')
    : '<li>None</li>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Backbone status</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
.banner{padding:1rem;border-radius:6px;font-size:1.3rem;font-weight:600;color:#fff}
.operational{background:#1f883d}.degraded{background:#bf8700}.partial_outage{background:#d1602a}.major_outage{background:#cf222e}.unknown{background:#6e7781}
.meta{color:#57606a}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de}
.num{text-align:right}.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.4rem}
.dot.up{background:#1f883d}.dot.degraded{background:#bf8700}.dot.down{background:#cf222e}.dot.impacted{background:#d1602a}.dot.unknown{background:#6e7781}
</style></head><body>
<h1>Backbone platform status</h1>
${banner}
<h2>Open incidents</h2><ul>${incidentItems}</ul>
<h2>Services</h2>
<table><thead><tr><th>Service</th><th>Status</th><th>Criticality</th><th class="num">HTTP</th><th class="num">Latency</th><th>Since</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
