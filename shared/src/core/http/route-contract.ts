import type { z } from 'zod';
import type { RouteAccess } from '../auth/caller';
import type { ApiKeyScope } from '../auth/scopes';
import type { ErrorCode } from '../errors/error-codes';
import { parseWith } from './parse-with';
import type { HttpMethod, HttpRequestContext, HttpResult, Route } from './types';

/**
 * One route, declared once: who may call it and the schemas of what it takes and answers. The
 * manifest's routes, the handler's validation and the OpenAPI document are all read from it.
 */
export interface RouteContract {
  summary: string;
  access: RouteAccess | readonly RouteAccess[];
  /** The API-key scope a `client` caller needs (required when `access` includes `client`). */
  scope?: ApiKeyScope;
  /** Path parameters (`:id` in the key), each a string schema. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A body the handler verifies itself before reading it (a signed webhook): documented in the
   * OpenAPI document, not parsed by the pipeline.
   */
  signedBody?: z.ZodType;
  /** False for routes a provider calls, authenticated otherwise (webhooks): no caller tier applies. */
  metered?: false;
  /** Headers the route reads (lower-case names), each a string schema. */
  headers?: z.ZodObject;
  /** The body of each success status (JSON, unless `contentType` says otherwise). */
  responses: Partial<Record<200 | 201 | 202 | 204, z.ZodType>>;
  /** The media type of the success body when it is not JSON (a status page, Prometheus text). */
  contentType?: string;
  /** The registered error codes this route answers besides the pipeline's own (auth, routing, body). */
  errors?: readonly ErrorCode[];
}

export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;
export type RouteContracts = Record<RouteKey, RouteContract>;

/** Declares a function's routes; the keys are `METHOD /path`, with `:name` for path parameters. */
export function defineRoutes<const R extends RouteContracts>(routes: R): R {
  return routes;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a route's handler receives, already validated against its contract. */
export interface RouteInput<C extends RouteContract> {
  params: Parsed<C['params']>;
  query: Parsed<C['query']>;
  body: Parsed<C['body']>;
  headers: Parsed<C['headers']>;
}
export type RouteHandler<C extends RouteContract> = (
  ctx: HttpRequestContext,
  input: RouteInput<C>,
) => Promise<HttpResult>;
/** Exactly one handler per declared route: a missing or an extra one is a type error. */
export type RouteHandlers<R extends RouteContracts> = {
  [K in keyof R]: R[K] extends RouteContract ? RouteHandler<R[K]> : never;
};

type RouteMethod = Exclude<HttpMethod, 'HEAD'>;
function split(key: string): { method: RouteMethod; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as RouteMethod, path: key.slice(space + 1) };
}

/** The manifest's view of the routes: method, path, access and scope. */
export function manifestRoutes(
  routes: RouteContracts,
): { method: RouteMethod; path: string; access: RouteAccess | RouteAccess[]; scope?: ApiKeyScope }[] {
  return Object.entries(routes).map(([key, route]) => ({
    ...split(key),
    access: typeof route.access === 'string' ? route.access : [...route.access],
    ...(route.scope ? { scope: route.scope } : {}),
  }));
}

/**
 * The handler's routes: each request's params, query, headers and body are parsed with the
 * contract's schemas (a 400 problem naming the field otherwise) before the handler runs.
 */
export function routesFrom<R extends RouteContracts>(routes: R, handlers: RouteHandlers<R>): Route[] {
  return Object.entries(routes).map(([key, contract]) => {
    const handler = handlers[key as keyof R] as RouteHandler<RouteContract>;
    return {
      ...split(key),
      ...(contract.metered === false ? { metered: false } : {}),
      handle: (ctx: HttpRequestContext) =>
        handler(ctx, {
          params: contract.params ? parseWith(contract.params, ctx.params, 'path') : undefined,
          query: contract.query ? parseWith(contract.query, Object.fromEntries(ctx.query), 'query') : undefined,
          headers: contract.headers ? parseWith(contract.headers, ctx.headers, 'header') : undefined,
          body: contract.body ? parseWith(contract.body, ctx.body, 'body') : undefined,
        } as RouteInput<RouteContract>),
    };
  });
}
