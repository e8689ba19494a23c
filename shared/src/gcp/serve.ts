import { startTracing } from './tracing-sdk';
import * as functions from '@google-cloud/functions-framework';
import type { Firestore } from '@google-cloud/firestore';
import type { z } from 'zod';
import type { SecurityConfigSchema } from '../core/auth/security-config';
import { functionContext } from '../core/config/function-context';
import type { BaseConfigSchema } from '../core/config/load-config';
import type { Logger } from '../core/logging/logger';
import { openApiDocument } from '../core/http/openapi';
import { SCHEDULED_ROUTES } from '../core/http/scheduled-handler';
import type { RouteContracts } from '../core/http/route-contract';
import { entryPointOf, type FunctionManifest } from '../core/manifest/function-manifest';
import { systemClock, type Clock } from '../core/ports/clock';
import type { EventPublisher } from '../core/ports/event-publisher';
import { createFirestore } from './firestore-client';
import { httpSecurity, type HttpSecurity } from './http-security';
import { PubSubEventPublisher } from './pubsub-event-publisher';

/** What a function's builder gets at cold start: everything every function wires the same way. */
export interface FunctionRuntime<Config> {
  manifest: FunctionManifest;
  /** Parsed once; a bad value stopped the start before this. */
  config: Config;
  logger: Logger;
  db: Firestore;
  clock: Clock;
  /** `backbone/<name>`: the source of the function's events and audit records. */
  source: string;
  /** The project's Pub/Sub publisher, made on first use. */
  readonly publisher: EventPublisher;
}

/** An HTTP function's runtime also carries its security wiring, built from the manifest's routes. */
export interface HttpRuntime<Config> extends FunctionRuntime<Config> {
  security: HttpSecurity;
}

type HttpFunction = Parameters<typeof functions.http>[1];
type CloudEventFunction = Parameters<typeof functions.cloudEvent>[1];

function runtime<S extends typeof BaseConfigSchema>(
  manifest: FunctionManifest,
  schema: S,
  kind: FunctionManifest['trigger']['kind'],
): FunctionRuntime<z.infer<S>> {
  if (manifest.trigger.kind !== kind)
    throw new Error(
      `${manifest.name} has a ${manifest.trigger.kind} trigger; serve it with its own bootstrap, not ${kind}'s`,
    );
  const { config, logger } = functionContext(manifest, schema);
  startTracing({
    exporter: config.TRACE_EXPORTER,
    projectId: config.GOOGLE_CLOUD_PROJECT,
    sampleRatio: config.TRACE_SAMPLE_RATIO,
  });
  let publisher: EventPublisher | undefined;
  return {
    manifest,
    config,
    logger,
    db: createFirestore(config.GOOGLE_CLOUD_PROJECT),
    clock: systemClock,
    source: `backbone/${manifest.name}`,
    get publisher() {
      publisher ??= PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT);
      return publisher;
    },
  };
}

function withSecurity<C extends z.infer<typeof SecurityConfigSchema>>(rt: FunctionRuntime<C>): HttpRuntime<C> {
  return Object.assign(rt, {
    security: httpSecurity({ manifest: rt.manifest, config: rt.config, db: rt.db, clock: rt.clock }),
  });
}

/**
 * Serves an HTTP function: config, logger, Firestore, security, its OpenAPI document (from its
 * route contracts, at `GET /openapi.json`) and the Functions Framework registration, from its
 * manifest; `build` wires only what is its own.
 *
 * @example
 * serveHttp(manifest, routes, HealthApiConfigSchema, (rt) => makeHandler({ store: new FirestoreHealthStore(rt.db), ... }, rt.security));
 */
export function serveHttp<S extends typeof SecurityConfigSchema>(
  manifest: FunctionManifest,
  routes: RouteContracts,
  schema: S,
  build: (rt: HttpRuntime<z.infer<S>>) => HttpFunction,
): void {
  serveRoutes(manifest, 'http', routes, schema, build);
}

/** Serves a Cloud Scheduler job: an HTTP function whose one route is its scheduler's `POST /`. */
export function serveSchedule<S extends typeof SecurityConfigSchema>(
  manifest: FunctionManifest,
  schema: S,
  build: (rt: HttpRuntime<z.infer<S>>) => HttpFunction,
): void {
  serveRoutes(manifest, 'schedule', SCHEDULED_ROUTES, schema, build);
}

function serveRoutes<S extends typeof SecurityConfigSchema>(
  manifest: FunctionManifest,
  kind: 'http' | 'schedule',
  routes: RouteContracts,
  schema: S,
  build: (rt: HttpRuntime<z.infer<S>>) => HttpFunction,
): void {
  const rt = withSecurity(runtime(manifest, schema, kind));
  rt.security.openapi = openApiDocument(manifest, routes);
  functions.http(entryPointOf(manifest.name), build(rt));
}

/** Serves a Pub/Sub-triggered function (a CloudEvent handler from `createEventHandler`). */
export function serveEvents<S extends typeof BaseConfigSchema>(
  manifest: FunctionManifest,
  schema: S,
  build: (rt: FunctionRuntime<z.infer<S>>) => CloudEventFunction,
): void {
  const rt = runtime(manifest, schema, 'pubsub');
  functions.cloudEvent(entryPointOf(manifest.name), build(rt));
}
