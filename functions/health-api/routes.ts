import { defineRoutes, wireSchema } from '@backbone/shared/core';
import {
  IncidentSchema,
  PlatformStatusSchema,
  ServiceDefinitionSchema,
  ServiceStatusSchema,
  ErrorClassSchema,
} from '@backbone/shared/health';
import { z } from 'zod';
import { NoQuerySchema, ServiceHistoryQuerySchema, ServiceIdParamSchema, ServiceRegistrationSchema } from './schema';

// Dates travel as ISO 8601 strings.
const timestamp = z.iso.datetime();
const SnapshotServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  criticality: z.enum(['critical', 'high', 'low']),
  status: ServiceStatusSchema,
  since: timestamp,
  latencyMs: z.number(),
  httpStatus: z.number().int().nullable(),
  errorClass: ErrorClassSchema,
  impactedBy: z.array(z.string()),
});
const IncidentOutSchema = wireSchema(IncidentSchema);

/** health-api's routes (README "health-api"). */
export const routes = defineRoutes({
  'GET /v1/health/summary': {
    summary: "The platform's consolidated status, every service's, and the open incidents (cached 15 s).",
    access: 'public',
    query: NoQuerySchema,
    responses: {
      200: z.object({
        status: z.union([PlatformStatusSchema, z.literal('unknown')]),
        round: z.string().nullable(),
        updatedAt: z.string().nullable(),
        services: z.array(SnapshotServiceSchema),
        openIncidents: z.array(IncidentOutSchema),
      }),
    },
  },
  'GET /v1/health/services/:id': {
    summary: "One service's status, uptime and latency over a window, its incidents and recent samples.",
    access: 'public',
    params: ServiceIdParamSchema,
    query: ServiceHistoryQuerySchema,
    responses: {
      200: z.looseObject({
        service: z.object({
          id: z.string(),
          name: z.string(),
          criticality: z.string(),
          dependsOn: z.array(z.string()),
        }),
        status: z.string(),
        window: z.string(),
        incidents: z.array(IncidentOutSchema),
        recentSamples: z.array(
          z.object({
            at: timestamp,
            ok: z.boolean(),
            slow: z.boolean(),
            httpStatus: z.number().int().nullable(),
            latencyMs: z.number(),
            errorClass: ErrorClassSchema,
          }),
        ),
      }),
    },
    errors: ['REQ-003'],
  },
  'PUT /v1/health/services/:id': {
    summary: 'Registers or replaces a service the aggregator checks (201 new, 200 replaced); audited.',
    access: 'user',
    params: ServiceIdParamSchema,
    body: ServiceRegistrationSchema,
    responses: {
      200: z.object({ service: ServiceDefinitionSchema }),
      201: z.object({ service: ServiceDefinitionSchema }),
    },
    errors: ['POLICY-001'],
  },
  'DELETE /v1/health/services/:id': {
    summary: 'Removes a service from the registry; audited.',
    access: 'user',
    params: ServiceIdParamSchema,
    responses: { 204: z.null() },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'GET /metrics': {
    summary: 'Prometheus metrics of the platform health (service identities: the scraper).',
    access: 'service',
    contentType: 'text/plain',
    responses: { 200: z.string() },
  },
  'GET /status': {
    summary:
      'The public status page: the overall state, open incidents, and each service with its uptime over the last 24 hours and 7 days and its latency (inline SVG, no JavaScript).',
    access: 'public',
    contentType: 'text/html',
    responses: { 200: z.string() },
  },
  'GET /status/incidents/:id': {
    summary: "One incident's page: its timeline (opened, the services it impacts, resolved) and the service's uptime.",
    access: 'public',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,200}$/) }),
    contentType: 'text/html',
    responses: { 200: z.string() },
    errors: ['REQ-003'],
  },
});
