// A round's decision, pure: each service's new state, the incidents it opens, updates and resolves,
// the events they cause and the platform snapshot.
import type { z } from 'zod';
import type { EventEnvelope } from '@backbone/shared/core';
import {
  healthEvents,
  healthEventTypes,
  type Incident,
  type IncidentEvent,
  type PlatformSnapshot,
  type ServiceChange,
  type ServiceDefinition,
  type ServiceState,
  type ServiceStatus,
} from '@backbone/shared/health';
import type { CheckResult } from './check';
import { rootCauses } from './dependencies';
import { nextOwnState, platformStatus, type Thresholds } from './status';

const severityOf = { critical: 'critical', high: 'major', low: 'minor' } as const;

export interface RoundEvaluation {
  changes: ServiceChange[];
  snapshot: PlatformSnapshot;
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
function openIncidentFrom(service: ServiceDefinition, prev: ServiceState, next: ServiceState, at: Date): Incident {
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
