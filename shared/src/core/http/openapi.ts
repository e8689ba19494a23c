import { z } from 'zod';
import { accessList } from '../auth/caller';
import { errorCodes, problemType, type ErrorCode } from '../errors/error-codes';
import type { FunctionManifest } from '../manifest/function-manifest';
import type { RouteContract, RouteContracts } from './route-contract';

// Answers every route can give, whatever it declares: the pipeline's own (validation, body,
// routing), and authentication and rate limiting where the route is not public.
const PIPELINE_ERRORS: readonly ErrorCode[] = ['REQ-001', 'REQ-002', 'REQ-006', 'REQ-007'];
const CALLER_ERRORS: readonly ErrorCode[] = ['AUTH-001', 'AUTH-002', 'RATE-001'];
// An `Idempotency-Key` still running (409) or reused for another request (422), on mutating calls.
const IDEMPOTENCY_ERRORS: readonly ErrorCode[] = ['REQ-008', 'REQ-009'];

/** Every registered code a route may answer: the pipeline's, the caller's, and its own. */
export function routeErrorCodes(key: string, route: RouteContract): ErrorCode[] {
  const access = accessList(route.access);
  const isPublic = access.length === 1 && access[0] === 'public';
  const mutating = !key.startsWith('GET ') && route.metered !== false;
  return [
    ...new Set([
      ...PIPELINE_ERRORS,
      ...(isPublic ? [] : CALLER_ERRORS),
      ...(isPublic || !mutating ? [] : IDEMPOTENCY_ERRORS),
      ...(route.errors ?? []),
    ]),
  ];
}

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), describing what a caller sends or gets. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is one of the registered error codes.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(errorCodes) },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

/** The problem answer of one status, naming every registered code that answers with it. */
function problemResponse(status: number) {
  const codes = (Object.keys(errorCodes) as ErrorCode[]).filter((code) => errorCodes[code].status === status);
  return {
    description: codes.map((code) => `${code} (${problemType(code)}): ${errorCodes[code].title}`).join('; '),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

function parametersOf(where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/**
 * The OpenAPI 3.1 document of an HTTP function, from its manifest and its route contracts: paths,
 * parameters, bodies, every success and registered error answer, and how each route authenticates.
 */
export function openApiDocument(manifest: FunctionManifest, routes: RouteContracts): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const usedStatuses = new Set<number>();
  for (const [key, route] of Object.entries(routes)) {
    const [method, path] = key.split(' ') as [string, string];
    const templated = path.replace(/:([A-Za-z]\w*)/g, '{$1}');
    const access = accessList(route.access);
    const isPublic = access.length === 1 && access[0] === 'public';
    const codes = routeErrorCodes(key, route);
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses))
      responses[status] =
        status === '204'
          ? { description: 'Done; no body.' }
          : {
              description: 'Success.',
              content: {
                [route.contentType ?? 'application/json']: {
                  schema: jsonSchema(schema as z.ZodType, 'output'),
                },
              },
            };
    // One shared response per error status (its codes named in the route's `x-backbone-errors`):
    // every route's problems are the same Problem body, so the document says it once.
    for (const status of [...new Set(codes.map((code) => errorCodes[code].status))].sort((a, b) => a - b)) {
      responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
      usedStatuses.add(status);
    }
    paths[templated] ??= {};
    paths[templated][method.toLowerCase()] = {
      operationId: `${method.toLowerCase()}${templated.replace(/[{}]/g, '').replace(/(?:^|[/-])(\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      'x-backbone-access': access,
      'x-backbone-errors': codes,
      ...(route.scope ? { 'x-backbone-api-key-scope': route.scope } : {}),
      ...(isPublic ? { security: [] } : { security: [{ bearer: [] }] }),
      parameters: [
        ...parametersOf('path', route.params),
        ...parametersOf('query', route.query),
        ...parametersOf('header', route.headers),
      ],
      ...(route.body || route.signedBody
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: jsonSchema((route.body ?? route.signedBody)!, 'input') },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Backbone ${manifest.name}`, version: '1', description: manifest.description },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      responses: Object.fromEntries(
        [...usedStatuses].sort((a, b) => a - b).map((status) => [`Problem${status}`, problemResponse(status)]),
      ),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A Firebase ID token (users), a Google OIDC token whose audience is the function (services), or a tenant API key (clients), per route (`x-backbone-access`).',
        },
      },
    },
  };
}
