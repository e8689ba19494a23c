// A service's own status from its checks (thresholds, hysteresis), and the platform's from all of them.
import type { PlatformStatus, ServiceState, ServiceStatus } from '@backbone/shared/health';
import type { CheckResult } from './check';

export interface Thresholds {
  downAfter: number;
  degradedAfter: number;
  recoverAfter: number;
}

/**
 * A service's own status after a check, before dependencies are considered. Thresholds and
 * hysteresis keep one blip from flapping: a single failure changes nothing, `downAfter`
 * failures make it down, and leaving down or degraded takes `recoverAfter` good checks.
 * Counters are capped so a steady state writes nothing.
 */
export function nextOwnState(
  prev: ServiceState | undefined,
  check: CheckResult,
  t: Thresholds,
  now: Date,
  serviceId: string,
) {
  const failureCap = Math.max(t.downAfter, t.degradedAfter);
  const consecutiveFailures = check.ok ? 0 : Math.min((prev?.consecutiveFailures ?? 0) + 1, failureCap);
  const consecutiveSlow =
    check.ok && check.slow ? Math.min((prev?.consecutiveSlow ?? 0) + 1, Math.max(t.degradedAfter, t.recoverAfter)) : 0;
  const consecutiveHealthy =
    check.ok && !check.slow ? Math.min((prev?.consecutiveHealthy ?? 0) + 1, t.recoverAfter) : 0;
  // An impacted service was failing on its own account: it recovers like a down one.
  const before: ServiceStatus = prev?.status === 'impacted' ? 'down' : (prev?.status ?? 'unknown');

  let status: ServiceStatus;
  if (consecutiveFailures >= t.downAfter) status = 'down';
  else if (before === 'down' && consecutiveHealthy < t.recoverAfter && consecutiveSlow < t.recoverAfter)
    status = 'down';
  else if (consecutiveFailures >= t.degradedAfter || consecutiveSlow >= t.degradedAfter) status = 'degraded';
  else if ((before === 'degraded' || before === 'down') && consecutiveHealthy < t.recoverAfter) status = 'degraded';
  else if (before === 'unknown' && !check.ok) status = 'unknown';
  else status = 'up';

  // Healthy streaks matter only for recovering; an up service keeps it full so it writes nothing.
  return {
    serviceId,
    status,
    consecutiveFailures,
    consecutiveSlow,
    consecutiveHealthy: status === 'up' ? t.recoverAfter : consecutiveHealthy,
  };
}

/** Consolidated status: an outage if anything is down (or impacted), major if it is critical. */
export function platformStatus(services: { status: ServiceStatus; criticality: string }[]): PlatformStatus {
  const out = services.filter((s) => s.status === 'down' || s.status === 'impacted');
  if (out.some((s) => s.criticality === 'critical')) return 'major_outage';
  if (out.length > 0) return 'partial_outage';
  if (services.some((s) => s.status === 'degraded')) return 'degraded';
  return 'operational';
}
