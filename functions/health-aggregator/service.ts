import {
  healthEventTypes,
  HEALTH_EVENTS_TOPIC,
  mapWithConcurrency,
  type Clock,
  type EventEnvelope,
  type EventPublisher,
  type HealthProber,
  type HealthSample,
  type HealthStore,
  type Incident,
  type IncidentEvent,
  type Logger,
  type PlatformSnapshot,
  type PlatformStatus,
  type ProbeObservation,
  type ServiceChange,
  type ServiceDefinition,
  type ServiceState,
  type ServiceStatus,
  type ErrorClass,
} from '@backbone/shared';

export interface Thresholds {
  downAfter: number;
  degradedAfter: number;
  recoverAfter: number;
}

export interface CheckResult {
  ok: boolean;
  slow: boolean;
  errorClass: ErrorClass;
  httpStatus: number | null;
  latencyMs: number;
}

/** What an observation means for a service: its expected status, body condition and slowness. */
export function classify(service: ServiceDefinition, seen: ProbeObservation): CheckResult {
  const base = { httpStatus: seen.httpStatus, latencyMs: seen.latencyMs };
  if (seen.failure) return { ...base, ok: false, slow: false, errorClass: seen.failure };
  if (seen.httpStatus === null || !service.expectedStatus.includes(seen.httpStatus)) {
    return { ...base, ok: false, slow: false, errorClass: 'http_status' };
  }
  if (service.bodyCondition && !bodyMatches(service.bodyCondition, seen.body ?? '')) {
    return { ...base, ok: false, slow: false, errorClass: 'body_mismatch' };
  }
  return { ...base, ok: true, slow: seen.latencyMs > service.degradedAfterMs, errorClass: 'none' };
}

function bodyMatches(condition: NonNullable<ServiceDefinition['bodyCondition']>, body: string): boolean {
  if ('contains' in condition) return body.includes(condition.contains);
  try {
    let value: unknown = JSON.parse(body);
    for (const key of condition.jsonField.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === condition.equals;
  } catch {
    return false;
  }
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
    check.ok && check.slow
      ? Math.min((prev?.consecutiveSlow ?? 0) + 1, Math.max(t.degradedAfter, t.recoverAfter))
      : 0;
  const consecutiveHealthy =
    check.ok && !check.slow ? Math.min((prev?.consecutiveHealthy ?? 0) + 1, t.recoverAfter) : 0;
  // An impacted service was failing on its own account: it recovers like a down one.
  const before: ServiceStatus = prev?.status === 'impacted' ? 'down' : (prev?.status ?? 'unknown');

  let status: ServiceStatus;
  if (consecutiveFailures >= t.downAfter) status = 'down';
  else if (before === 'down' && consecutiveHealthy < t.recoverAfter && consecutiveSlow < t.recoverAfter)
    status = 'down';
  else if (consecutiveFailures >= t.degradedAfter || consecutiveSlow >= t.degradedAfter) status = 'degraded';
  else if ((before === 'degraded' || before === 'down') && consecutiveHealthy < t.recoverAfter)
    status = 'degraded';
  else if (before === 'unknown' && !check.ok) status = 'unknown';
  else status = 'up';

  return { serviceId, status, consecutiveFailures, consecutiveSlow, consecutiveHealthy };
}

/** Down services whose own dependencies are all up: the root causes. */
function rootCauses(
  id: string,
  own: Map<string, ServiceStatus>,
  byId: Map<string, ServiceDefinition>,
): string[] {
  const roots = new Set<string>();
  const seen = new Set<string>([id]);
  const visit = (serviceId: string): void => {
    for (const dep of byId.get(serviceId)?.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (own.get(dep) !== 'down') continue;
      const deeper = roots.size;
      visit(dep);
      if (roots.size === deeper && !hasDownDependency(dep, own, byId)) roots.add(dep);
    }
  };
  visit(id);
  return [...roots].sort();
}

function hasDownDependency(
  id: string,
  own: Map<string, ServiceStatus>,
  byId: Map<string, ServiceDefinition>,
): boolean {
  return (byId.get(id)?.dependsOn ?? []).some((dep) => own.get(dep) === 'down');
}

const severityOf = { critical: 'critical', high: 'major', low: 'minor' } as const;

export interface RoundEvaluation {
  changes: ServiceChange[];
  snapshot: PlatformSnapshot;
  samples: HealthSample[];
}

/**
 * The whole round's decision, pure: new states, incidents opened, updated and resolved, the
 * events they cause (ids derived from the round, so a re-run round repeats ids, not effects),
 * and the consolidated platform status.
 */
export function evaluateRound(input: {
  round: string;
  at: Date;
  durationMs: number;
  services: ServiceDefinition[];
  checks: CheckResult[];
  previous: Map<string, ServiceState>;
  thresholds: Thresholds;
  retentionDays: number;
  source: string;
}): RoundEvaluation {
  const { round, at, services, checks, previous, thresholds } = input;
  const byId = new Map(services.map((s) => [s.id, s]));
  const own = new Map(
    services.map((s, i) => [s.id, nextOwnState(previous.get(s.id), checks[i]!, thresholds, at, s.id)]),
  );
  const ownStatus = new Map([...own].map(([id, s]) => [id, s.status]));

  const impactedBy = new Map<string, string[]>();
  for (const service of services) {
    const status = ownStatus.get(service.id);
    if (status !== 'down' && status !== 'degraded') continue;
    const roots = rootCauses(service.id, ownStatus, byId);
    if (roots.length > 0) impactedBy.set(service.id, roots);
  }
  const impacting = new Map<string, string[]>();
  for (const [id, roots] of impactedBy)
    for (const root of roots) impacting.set(root, [...(impacting.get(root) ?? []), id].sort());

  const event = (type: string, subject: string, data: unknown): EventEnvelope => ({
    specversion: '1.0',
    id: `${round}:${subject}:${type}`,
    type,
    source: input.source,
    time: at.toISOString(),
    subject,
    dataversion: '1',
    data,
  });
  const incidentData = (incident: Incident): IncidentEvent => ({
    incidentId: incident.id,
    serviceId: incident.serviceId,
    severity: incident.severity,
    impacted: incident.impacted,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
  });

  const changes: ServiceChange[] = [];
  const snapshotServices: PlatformSnapshot['services'] = [];
  services.forEach((service, i) => {
    const prev = previous.get(service.id);
    const counters = own.get(service.id)!;
    const roots = impactedBy.get(service.id) ?? [];
    const status: ServiceStatus = roots.length > 0 ? 'impacted' : counters.status;
    const prevStatus: ServiceStatus = prev?.status ?? 'unknown';
    const next: ServiceState = {
      ...counters,
      status,
      since: status === prevStatus && prev ? prev.since : at,
      impactedBy: roots,
      impacting: status === 'down' ? (impacting.get(service.id) ?? []) : [],
      openIncidentId: prev?.openIncidentId ?? null,
    };
    const events: EventEnvelope[] = [];
    let incident: Incident | undefined;

    if (status !== prevStatus) {
      events.push(
        event(healthEventTypes.statusChanged, service.id, {
          serviceId: service.id,
          from: prevStatus,
          to: status,
          impactedBy: roots,
          round,
        }),
      );
    }
    const check = checks[i]!;
    if (status === 'down' && !next.openIncidentId) {
      incident = {
        id: `inc-${service.id}-${round}`,
        serviceId: service.id,
        serviceName: service.name,
        status: 'open',
        severity: severityOf[service.criticality],
        openedAt: at,
        resolvedAt: null,
        cause: check.errorClass,
        impacted: next.impacting,
      };
      next.openIncidentId = incident.id;
      events.push(event(healthEventTypes.incidentOpened, service.id, incidentData(incident)));
    } else if (status === 'down' && next.openIncidentId && !sameList(prev?.impacting ?? [], next.impacting)) {
      incident = openIncidentFrom(service, prev!, next, at);
      events.push(event(healthEventTypes.incidentUpdated, service.id, incidentData(incident)));
    } else if (status !== 'down' && next.openIncidentId) {
      incident = {
        ...openIncidentFrom(service, prev!, { ...next, impacting: prev?.impacting ?? [] }, at),
        status: 'resolved',
        resolvedAt: at,
      };
      next.openIncidentId = null;
      events.push(event(healthEventTypes.incidentResolved, service.id, incidentData(incident)));
    }

    if (!prev || incident || events.length > 0 || !sameState(prev, next)) {
      changes.push({ state: next, ...(incident ? { incident } : {}), events });
    }
    snapshotServices.push({
      id: service.id,
      name: service.name,
      criticality: service.criticality,
      status,
      since: next.since,
      latencyMs: check.latencyMs,
      httpStatus: check.httpStatus,
      errorClass: check.errorClass,
      impactedBy: roots,
    });
  });

  const expireAt = new Date(at.getTime() + input.retentionDays * 86_400_000);
  const samples: HealthSample[] = services.map((service, i) => {
    const check = checks[i]!;
    return {
      serviceId: service.id,
      round,
      at,
      ok: check.ok,
      slow: check.slow,
      httpStatus: check.httpStatus,
      latencyMs: check.latencyMs,
      errorClass: check.errorClass,
      expireAt,
    };
  });

  return {
    changes,
    samples,
    snapshot: {
      status: platformStatus(snapshotServices),
      round,
      at,
      durationMs: input.durationMs,
      services: snapshotServices,
    },
  };
}

/** The incident document of a service's open incident, rebuilt from its state (the state holds the id). */
function openIncidentFrom(
  service: ServiceDefinition,
  prev: ServiceState,
  next: ServiceState,
  at: Date,
): Incident {
  return {
    id: prev.openIncidentId!,
    serviceId: service.id,
    serviceName: service.name,
    status: 'open',
    severity: severityOf[service.criticality],
    // The incident opened when the service went down; `since` still holds that moment.
    openedAt: prev.status === 'down' ? prev.since : at,
    resolvedAt: null,
    cause: 'none',
    impacted: next.impacting,
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

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameState(a: ServiceState, b: ServiceState): boolean {
  return (
    a.status === b.status &&
    a.consecutiveFailures === b.consecutiveFailures &&
    a.consecutiveSlow === b.consecutiveSlow &&
    a.consecutiveHealthy === b.consecutiveHealthy &&
    a.openIncidentId === b.openIncidentId &&
    sameList(a.impactedBy, b.impactedBy) &&
    sameList(a.impacting, b.impacting)
  );
}

export interface AggregatorDeps {
  store: HealthStore;
  prober: HealthProber;
  publisher: EventPublisher;
  clock: Clock;
  log: Logger;
  thresholds: Thresholds;
  poolSize: number;
  retentionDays: number;
  leaseMs: number;
  source: string;
}

export type RoundReport =
  | { round: string; skipped: true }
  | {
      round: string;
      skipped: false;
      status: PlatformStatus;
      services: number;
      changed: number;
      published: number;
      durationMs: number;
    };

/** Runs one aggregation round end to end. Safe to retry: a round that completed is skipped. */
export async function runRound(deps: AggregatorDeps, round: string): Promise<RoundReport> {
  const started = deps.clock.now();
  if (!(await deps.store.beginRound(round, deps.leaseMs, started))) {
    deps.log.info('round skipped: already done or another round holds the lease', { round });
    return { round, skipped: true };
  }
  // Events a crashed round left behind go out first, keeping per-service order.
  const leftovers = await flushOutbox(deps);
  const services = (await deps.store.listServices()).filter((s) => s.enabled);
  const previous = await deps.store.getStates();
  const checks = await mapWithConcurrency(services, deps.poolSize, async (service) =>
    classify(service, await deps.prober.probe(service)),
  );
  const at = deps.clock.now();
  const evaluation = evaluateRound({
    round,
    at,
    durationMs: at.getTime() - started.getTime(),
    services,
    checks,
    previous,
    thresholds: deps.thresholds,
    retentionDays: deps.retentionDays,
    source: deps.source,
  });
  await deps.store.recordSamples(evaluation.samples);
  await deps.store.applyChanges(evaluation.changes, HEALTH_EVENTS_TOPIC);
  const published = leftovers + (await flushOutbox(deps));
  await deps.store.completeRound(evaluation.snapshot);
  const durationMs = deps.clock.now().getTime() - started.getTime();
  deps.log.info('round completed', {
    round,
    status: evaluation.snapshot.status,
    services: services.length,
    changed: evaluation.changes.length,
    published,
    durationMs,
  });
  return {
    round,
    skipped: false,
    status: evaluation.snapshot.status,
    services: services.length,
    changed: evaluation.changes.length,
    published,
    durationMs,
  };
}

/** Publishes outbox entries in order and removes each once the broker accepted it. */
async function flushOutbox(deps: AggregatorDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const entries = await deps.store.pendingOutbox(500);
    if (entries.length === 0) return total;
    // Per ordering key, in order; keys in parallel.
    const byKey = new Map<string, typeof entries>();
    for (const entry of entries)
      byKey.set(entry.orderingKey, [...(byKey.get(entry.orderingKey) ?? []), entry]);
    const sent: string[] = [];
    await mapWithConcurrency([...byKey.values()], 50, async (queue) => {
      for (const entry of queue) {
        await deps.publisher.publish(entry.topic, entry.event, { orderingKey: entry.orderingKey });
        sent.push(entry.event.id);
      }
    }).finally(() => deps.store.removeFromOutbox(sent));
    total += sent.length;
  }
}
