import {
  mapWithConcurrency,
  type Clock,
  type EventEnvelope,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import type { z } from 'zod';
import {
  healthEvents,
  healthEventTypes,
  type HealthSample,
  type HealthStore,
  type Incident,
  type IncidentEvent,
  type OutboxEntry,
  type PlatformSnapshot,
  type PlatformStatus,
  type ServiceChange,
  type ServiceDefinition,
  type ServiceState,
  type ServiceStatus,
  type ErrorClass,
} from '@backbone/shared/health';
import { type HealthProber, type ProbeObservation } from './health-prober';

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

  // Healthy streaks matter only for recovering; an up service keeps it full so it writes nothing.
  return {
    serviceId,
    status,
    consecutiveFailures,
    consecutiveSlow,
    consecutiveHealthy: status === 'up' ? t.recoverAfter : consecutiveHealthy,
  };
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
}

/** The stored sample of one check; it expires (Firestore TTL) after the retention period. */
export function toSample(
  serviceId: string,
  check: CheckResult,
  round: string,
  at: Date,
  retentionDays: number,
): HealthSample {
  return {
    serviceId,
    round,
    at,
    ok: check.ok,
    slow: check.slow,
    httpStatus: check.httpStatus,
    latencyMs: check.latencyMs,
    errorClass: check.errorClass,
    expireAt: new Date(at.getTime() + retentionDays * 86_400_000),
  };
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

  const event = <T extends keyof typeof healthEvents.events>(
    type: T,
    subject: string,
    data: z.input<(typeof healthEvents.events)[T]>,
  ): EventEnvelope =>
    healthEvents.event(type, {
      id: `${round}:${subject}:${type}`,
      source: input.source,
      time: at,
      subject,
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

  return {
    changes,
    snapshot: {
      status: platformStatus(snapshotServices),
      round,
      at,
      durationMs: input.durationMs,
      services: snapshotServices.sort((x, y) => x.id.localeCompare(y.id)),
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
      /** Where the time went: reading the registry, checking (samples written meanwhile), committing. */
      phasesMs: { prepare: number; check: number; commit: number };
    };

/**
 * Runs one aggregation round end to end. Safe to retry: a round that completed is skipped.
 * Events go through the outbox: if the broker is down they stay there and the next round
 * publishes them first, in order; the round itself still completes.
 */
export async function runRound(deps: AggregatorDeps, round: string): Promise<RoundReport> {
  const started = deps.clock.now();
  if (!(await deps.store.beginRound(round, deps.leaseMs, started))) {
    deps.log.info('round skipped: already done or another round holds the lease', { round });
    return { round, skipped: true };
  }
  try {
    const leftovers = await publishPending(deps);
    const [registry, last] = await Promise.all([deps.store.listServices(), deps.store.getSnapshot()]);
    const services = slowestFirst(
      registry.filter((s) => s.enabled),
      last,
    );
    // States are needed only after the checks: read them while checking. Samples are written
    // as checks finish, so storing them overlaps the checking instead of following it.
    const previousRead = deps.store.getStates();
    const samples = deps.store.sampleWriter();
    const checking = deps.clock.now();
    const checks = await mapWithConcurrency(services, deps.poolSize, async (service) => {
      const check = classify(service, await deps.prober.probe(service));
      samples.add(toSample(service.id, check, round, deps.clock.now(), deps.retentionDays));
      return check;
    });
    const [previous] = await Promise.all([previousRead, samples.close()]);
    const at = deps.clock.now();
    const since = (from: Date, to: Date) => to.getTime() - from.getTime();
    const evaluation = evaluateRound({
      round,
      at,
      durationMs: at.getTime() - started.getTime(),
      services,
      checks,
      previous,
      thresholds: deps.thresholds,
      source: deps.source,
    });
    await deps.store.applyChanges(evaluation.changes, healthEvents.name);
    // What this round committed is published from memory: reading it back from the outbox cost
    // a query and a thousand document reads in a first round. A crash here leaves it to the next round.
    const committed = evaluation.changes.flatMap((c) =>
      c.events.map((event) => ({ event, topic: healthEvents.name, orderingKey: event.subject })),
    );
    const published = leftovers + (await publishPending(deps, committed));
    await deps.store.completeRound(evaluation.snapshot);
    const durationMs = deps.clock.now().getTime() - started.getTime();
    const report = {
      round,
      skipped: false as const,
      status: evaluation.snapshot.status,
      services: services.length,
      changed: evaluation.changes.length,
      published,
      durationMs,
      phasesMs: {
        prepare: since(started, checking),
        check: since(checking, at),
        commit: durationMs - since(started, at),
      },
    };
    deps.log.info('round completed', report);
    return report;
  } catch (error) {
    // Let the next firing run instead of waiting for the lease to expire.
    await deps.store.releaseRound(round).catch(() => undefined);
    throw error;
  }
}

/**
 * Longest checks first (by last round's latency; new services first of all): with a bounded
 * pool, a timeout started last would otherwise hold the round open while the pool sits idle.
 */
export function slowestFirst(
  services: ServiceDefinition[],
  last: PlatformSnapshot | undefined,
): ServiceDefinition[] {
  const latency = new Map(last?.services.map((s) => [s.id, s.latencyMs]));
  return [...services].sort(
    (a, b) => (latency.get(b.id) ?? Infinity) - (latency.get(a.id) ?? Infinity) || a.id.localeCompare(b.id),
  );
}

/**
 * The outbox flushed as far as the broker allows (the given entries, or what is stored); a broker
 * outage is logged, not fatal.
 */
async function publishPending(deps: AggregatorDeps, committed?: OutboxEntry[]): Promise<number> {
  try {
    return committed ? await publishInOrder(deps, committed) : await flushOutbox(deps);
  } catch (error) {
    deps.log.warn('publishing health events failed; they stay in the outbox for the next round', { error });
    return 0;
  }
}

/** Publishes the stored outbox entries in order, 500 at a time. */
async function flushOutbox(deps: AggregatorDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const entries = await deps.store.pendingOutbox(500);
    if (entries.length === 0) return total;
    total += await publishInOrder(deps, entries);
  }
}

/** Publishes entries in order per ordering key and removes each from the outbox once the broker accepted it. */
async function publishInOrder(deps: AggregatorDeps, entries: OutboxEntry[]): Promise<number> {
  {
    // Per ordering key, in order; keys in parallel.
    const byKey = new Map<string, typeof entries>();
    for (const entry of entries)
      byKey.set(entry.orderingKey, [...(byKey.get(entry.orderingKey) ?? []), entry]);
    const sent: string[] = [];
    let failure: unknown;
    // A key whose publish fails stops there (its later events wait, keeping order); the other
    // keys go on, and everything that was sent leaves the outbox before the error surfaces.
    // Every key at once: the broker batches per key, so a bounded pool only queued a first round's thousand.
    await mapWithConcurrency([...byKey.values()], 1000, async (queue) => {
      try {
        for (const entry of queue) {
          await deps.publisher.publish(entry.topic, entry.event, { orderingKey: entry.orderingKey });
          sent.push(entry.event.id);
        }
      } catch (error) {
        failure ??= error;
      }
    });
    await deps.store.removeFromOutbox(sent);
    if (failure) throw failure;
    return sent.length;
  }
}
