import { Gauge, Registry } from 'prom-client';
import type { Incident, PlatformSnapshot } from '@backbone/shared/health';

/** Metric names: the one list both /metrics and the Grafana dashboard are built from. */
export const metricNames = {
  serviceUp: 'backbone_service_up',
  serviceStatus: 'backbone_service_status',
  serviceLatency: 'backbone_service_probe_latency_seconds',
  platformStatus: 'backbone_platform_status',
  openIncidents: 'backbone_open_incidents',
  lastRound: 'backbone_health_last_round_timestamp_seconds',
  roundDuration: 'backbone_health_round_duration_seconds',
} as const;

const SERVICE_STATUSES = ['up', 'degraded', 'down', 'impacted', 'unknown'] as const;
const PLATFORM_STATUSES = ['operational', 'degraded', 'partial_outage', 'major_outage'] as const;

/** The Prometheus exposition of the latest snapshot, built per scrape from Firestore's state. */
export async function renderMetrics(
  snapshot: PlatformSnapshot | undefined,
  openIncidents: Incident[],
): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const labels = ['service', 'criticality'];
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const up = gauge(
    metricNames.serviceUp,
    '1 when the service is up or degraded, 0 when down, impacted or unknown',
    labels,
  );
  const status = gauge(metricNames.serviceStatus, 'One-hot service status', ['service', 'status']);
  const latency = gauge(metricNames.serviceLatency, 'Latency of the last check', labels);
  const platform = gauge(metricNames.platformStatus, 'One-hot consolidated platform status', ['status']);
  const incidents = gauge(metricNames.openIncidents, 'Open incidents', ['severity']);
  const lastRound = gauge(metricNames.lastRound, 'When the last aggregation round ended');
  const duration = gauge(metricNames.roundDuration, 'How long the last aggregation round took');

  for (const severity of ['critical', 'major', 'minor'] as const) {
    incidents.set({ severity }, openIncidents.filter((i) => i.severity === severity).length);
  }
  if (snapshot) {
    for (const s of snapshot.services) {
      up.set({ service: s.id, criticality: s.criticality }, s.status === 'up' || s.status === 'degraded' ? 1 : 0);
      latency.set({ service: s.id, criticality: s.criticality }, s.latencyMs / 1000);
      for (const candidate of SERVICE_STATUSES)
        status.set({ service: s.id, status: candidate }, candidate === s.status ? 1 : 0);
    }
    for (const candidate of PLATFORM_STATUSES)
      platform.set({ status: candidate }, candidate === snapshot.status ? 1 : 0);
    lastRound.set(snapshot.at.getTime() / 1000);
    duration.set(snapshot.durationMs / 1000);
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
