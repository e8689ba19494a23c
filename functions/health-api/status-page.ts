import type { Incident, PlatformSnapshot } from '@backbone/shared/health';

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
export function renderStatusPage(snapshot: PlatformSnapshot | undefined, incidents: Incident[], now: Date): string {
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
th[scope=row]{font-weight:400}footer{margin-top:2rem;color:#57606a;font-size:.9rem}
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
<thead><tr><th scope="col">Service</th><th scope="col">Status</th><th scope="col">Criticality</th><th scope="col" class="num">HTTP</th><th scope="col" class="num">Latency</th><th scope="col">Since</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>
</main>
<footer>This page refreshes itself every 30 seconds and needs no JavaScript. Machine-readable: <a href="/v1/health/summary">/v1/health/summary</a>.</footer>
</body></html>`;
}
