import { z } from 'zod';

/** A service the health aggregator polls (the registry, `health_registry/{id}`). */
export const ServiceDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  expectedStatus: z.array(z.number().int().min(100).max(599)).min(1).default([200]),
  /** The body must contain this text, or have this JSON field equal to this value. */
  bodyCondition: z
    .union([
      z.object({ contains: z.string().min(1) }),
      z.object({ jsonField: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }),
    ])
    .optional(),
  timeoutMs: z.number().int().min(50).max(30_000).default(2_000),
  /** Answers slower than this count as degraded. */
  degradedAfterMs: z.number().int().min(1).max(30_000).default(1_000),
  criticality: z.enum(['critical', 'high', 'low']).default('high'),
  /** Ids of services this one needs; when one of them is down this one is "impacted". */
  dependsOn: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;
export type ServiceDefinitionInput = z.input<typeof ServiceDefinitionSchema>;

/** Why a check failed, coarse enough to aggregate on. */
export const ErrorClassSchema = z.enum(['none', 'timeout', 'connection', 'http_status', 'body_mismatch']);
export type ErrorClass = z.infer<typeof ErrorClassSchema>;

/** One check of one service (`health_samples/{serviceId}_{round}`). */
export const HealthSampleSchema = z.object({
  serviceId: z.string(),
  round: z.string(),
  at: z.date(),
  ok: z.boolean(),
  slow: z.boolean(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nonnegative(),
  errorClass: ErrorClassSchema,
  /** Firestore's TTL policy deletes the sample after this (the retention limit). */
  expireAt: z.date(),
});
export type HealthSample = z.infer<typeof HealthSampleSchema>;

export const ServiceStatusSchema = z.enum(['up', 'degraded', 'down', 'impacted', 'unknown']);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** The aggregator's memory of a service between rounds (`health_services/{id}`). */
export const ServiceStateSchema = z.object({
  serviceId: z.string(),
  status: ServiceStatusSchema,
  /** When the status last changed. */
  since: z.date(),
  consecutiveFailures: z.number().int().nonnegative(),
  consecutiveSlow: z.number().int().nonnegative(),
  consecutiveHealthy: z.number().int().nonnegative(),
  /** Root-cause services when this one is impacted. */
  impactedBy: z.array(z.string()).default([]),
  /** Services impacted by this one while it is down. */
  impacting: z.array(z.string()).default([]),
  openIncidentId: z.string().nullable().default(null),
});
export type ServiceState = z.infer<typeof ServiceStateSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: z.enum(['open', 'resolved']),
  severity: z.enum(['critical', 'major', 'minor']),
  openedAt: z.date(),
  resolvedAt: z.date().nullable().default(null),
  /** The error class that opened it. */
  cause: ErrorClassSchema,
  /** Services down because this one is (000#16: their customers are affected too). */
  impacted: z.array(z.string()).default([]),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const PlatformStatusSchema = z.enum(['operational', 'degraded', 'partial_outage', 'major_outage']);
export type PlatformStatus = z.infer<typeof PlatformStatusSchema>;

/** The consolidated status after a round (`health_status/current`), what the summary serves. */
export const PlatformSnapshotSchema = z.object({
  status: PlatformStatusSchema,
  round: z.string(),
  at: z.date(),
  durationMs: z.number().nonnegative(),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      criticality: z.enum(['critical', 'high', 'low']),
      status: ServiceStatusSchema,
      since: z.date(),
      latencyMs: z.number().nonnegative(),
      httpStatus: z.number().int().nullable(),
      errorClass: ErrorClassSchema,
      impactedBy: z.array(z.string()),
    }),
  ),
});
export type PlatformSnapshot = z.infer<typeof PlatformSnapshotSchema>;

/** Data of the `health.*` events (topic `health-events`, ordering key = service id). */
export const ServiceStatusChangedSchema = z.object({
  serviceId: z.string(),
  from: ServiceStatusSchema,
  to: ServiceStatusSchema,
  impactedBy: z.array(z.string()),
  round: z.string(),
});
export const IncidentEventSchema = z.object({
  incidentId: z.string(),
  serviceId: z.string(),
  severity: z.enum(['critical', 'major', 'minor']),
  impacted: z.array(z.string()),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;
export const healthEventTypes = {
  statusChanged: 'health.service_status_changed',
  incidentOpened: 'health.incident_opened',
  incidentUpdated: 'health.incident_updated',
  incidentResolved: 'health.incident_resolved',
} as const;
