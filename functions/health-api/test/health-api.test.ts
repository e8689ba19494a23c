import { readFileSync } from 'node:fs';
import path from 'node:path';
import { percentile } from '@backbone/shared/core';
import { type HealthSample } from '@backbone/shared/health';
import { buildDashboard } from '../grafana-dashboard';
import { metricNames, renderMetrics } from '../metrics';
import { ServiceHistoryQuerySchema } from '../schema';
import { windowStats } from '../service';

const sample = (ok: boolean, latencyMs: number, httpStatus: number | null = ok ? 200 : 500): HealthSample => ({
  serviceId: 's',
  round: 'r',
  at: new Date(),
  ok,
  slow: false,
  httpStatus,
  latencyMs,
  errorClass: ok ? 'none' : httpStatus === null ? 'timeout' : 'http_status',
  expireAt: new Date(),
});

describe('windowStats', () => {
  it('computes uptime and nearest-rank percentiles over answered checks', () => {
    const samples = [
      ...Array.from({ length: 18 }, (_, i) => sample(true, (i + 1) * 10)),
      sample(false, 5),
      sample(false, 2000, null),
    ];
    const stats = windowStats(samples);
    expect(stats.uptimeRatio).toBe(0.9);
    expect(stats.latencyMs).toEqual({ p50: 90, p95: 180 });
    expect(stats.errors).toEqual({ http_status: 1, timeout: 1 });
  });
  it('has no ratio and no percentiles without samples', () => {
    expect(windowStats([])).toMatchObject({
      samples: 0,
      uptimeRatio: null,
      latencyMs: { p50: null, p95: null },
    });
  });
  it.each([
    [[1], 50, 1],
    [[1, 2], 50, 1],
    [[1, 2, 3, 4], 95, 4],
  ])('percentile(%j, %d) = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('window query', () => {
  it.each([
    ['15m', 15 * 60_000],
    ['24h', 86_400_000],
    ['7d', 7 * 86_400_000],
  ])('accepts %s', (window, ms) => {
    expect(ServiceHistoryQuerySchema.parse({ window }).window.ms).toBe(ms);
  });
  it.each(['0h', '31d', '30d', '90m', '23h', '24', 'h', '-1h', '1w', '24h; drop'])('refuses %s', (window) => {
    expect(ServiceHistoryQuerySchema.safeParse({ window }).success).toBe(false);
  });
});

describe('Grafana dashboard', () => {
  const committed = JSON.parse(readFileSync(path.join(__dirname, '..', 'grafana-dashboard.json'), 'utf8'));

  it('is the committed file (regenerate with `npm run dashboard`)', () => {
    expect(committed).toEqual(buildDashboard());
  });

  it('shows service states in words and colours (value mappings), not as 0 and 1', () => {
    const timeline = committed.panels.find((p: { type: string }) => p.type === 'state-timeline');
    expect(timeline.fieldConfig.defaults.mappings[0].options).toEqual({
      '0': { text: 'down', color: 'red', index: 0 },
      '1': { text: 'up', color: 'green', index: 1 },
    });
  });

  it('queries only metrics that /metrics exposes', async () => {
    const { body } = await renderMetrics(undefined, []);
    const exposed = new Set([...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    const queried = new Set<string>();
    for (const p of committed.panels)
      for (const t of p.targets) for (const m of t.expr.matchAll(/backbone_[a-z_]+/g)) queried.add(m[0]);
    expect([...queried].sort()).toEqual(Object.values(metricNames).sort());
    for (const name of queried) expect(exposed).toContain(name);
  });
});
