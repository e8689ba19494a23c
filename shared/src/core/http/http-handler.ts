import { trace, type Span } from '@opentelemetry/api';
import { activeTrace, extractParent, inSpan, SpanKind } from '../tracing/tracing';
import { DEPRECATED_HEALTH_PATH, HEALTH_PATH, HEALTHY, HEALTHZ_DEPRECATION } from './health-route';
import type { IncomingHttpHeaders } from 'node:http';
import { accessList, callerId, type Caller, type RouteAccess } from '../auth/caller';
import { createHash } from 'node:crypto';
import {
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  MalformedJsonError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  RateLimitedError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors/app-errors';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { maskDeep } from '../logging/pii-masker';
import type { IdempotentResponses, StoredResponse } from '../idempotency/idempotent-responses';
import { parseTraceHeaders } from '../logging/trace';
import type { IdGenerator } from '../ports/id-generator';
import { uuidGenerator } from '../ports/id-generator';
import { answerBodyErrorsAsProblems } from './framework-body-errors';
import type { Authenticator } from '../auth/authenticator';
import { rateLimitHeaders, type RateLimiter, type RateTier } from '../ratelimit/rate-limiter';
import { clientAddress } from './client-address';
import { findUnsafeValue, unsafeText } from './text-safety';
import { compileRoutes } from './route-matcher';
import type { HttpMethod, HttpResult, Route } from './types';

/** The slice of an Express request the adapter reads (the Functions Framework passes Express's). */
export interface IncomingRequest {
  method: string;
  url?: string;
  originalUrl?: string;
  headers: IncomingHttpHeaders;
  rawBody?: Buffer;
}
/** The slice of an Express response the adapter writes. */
export interface OutgoingResponse {
  headersSent: boolean;
  status(code: number): OutgoingResponse;
  set(name: string, value: string): OutgoingResponse;
  send(body: string | Buffer): unknown;
  end(): unknown;
  /** For streamed answers (Server-Sent Events). */
  write?(chunk: string | Uint8Array): unknown;
  flushHeaders?(): void;
  on?(event: 'close', listener: () => void): unknown;
}

export interface HttpHandlerOptions {
  routes: Route[];
  logger: Logger;
  /** Largest body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  ids?: IdGenerator;
  /**
   * The routes the function's manifest declares: every handler route must be declared there, and
   * takes its `access` from it (the manifest stays the one description of who may call).
   */
  declared?: { method: string; path: string; access: RouteAccess | readonly RouteAccess[]; scope?: string }[];
  /** Verifies credentials. Without one, only public routes can be called. */
  authenticator?: Authenticator;
  /** Limits each caller (000#11); service identities are not limited. */
  rateLimit?: { limiter: RateLimiter; windowSeconds: number };
  /** How many proxies append to X-Forwarded-For in front of the function (2: Google's load balancer). */
  trustedProxyHops?: number;
  /** Keeps the responses of mutating requests sent with an `Idempotency-Key`, for retries. */
  idempotency?: IdempotentResponses;
  /** The function's OpenAPI document, served at `GET /openapi.json`. */
  openapi?: unknown;
}

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const BODY_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH'];

/**
 * Turns routes into one Functions Framework HTTP handler: request id and trace, a child logger
 * per request, routing (404 vs 405 with Allow), content-type and size checks, JSON parsing, and
 * every error as problem+json. Every function also answers `GET /health` (and, deprecated, `/healthz`).
 *
 * @example
 * functions.http('healthApi', createHttpHandler({ routes: healthRoutes(deps), logger }));
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  answerBodyErrorsAsProblems(maxBodyBytes);
  const ids = options.ids ?? uuidGenerator;
  const trustedHops = options.trustedProxyHops ?? 2;
  const health: Route = { method: 'GET', path: HEALTH_PATH, handle: () => ({ status: 200, body: HEALTHY }) };
  const healthz: Route = {
    method: 'GET',
    path: DEPRECATED_HEALTH_PATH,
    handle: () => ({ status: 200, body: HEALTHY, headers: HEALTHZ_DEPRECATION }),
  };
  // The function's own contract, public like its health, for the callers that generate clients from it.
  const builtins: Route[] = [
    health,
    healthz,
    ...(options.openapi
      ? [
          {
            method: 'GET' as const,
            path: '/openapi.json',
            handle: () => ({ status: 200, body: options.openapi }),
          },
        ]
      : []),
  ];
  const match = compileRoutes([...withDeclaredAccess(options.routes, options.declared), ...builtins]);

  // One SERVER span per request, a child of the caller's `traceparent` when it sent one.
  return (req: IncomingRequest, res: OutgoingResponse): Promise<void> => {
    const headers = normalizeHeaders(req.headers);
    return inSpan(
      req.method,
      { kind: SpanKind.SERVER, parent: extractParent(headers), attributes: { 'http.request.method': req.method } },
      (span) => serve(req, res, headers, span),
    );
  };

  async function serve(
    req: IncomingRequest,
    res: OutgoingResponse,
    headers: Record<string, string | undefined>,
    span: Span,
  ): Promise<void> {
    const requestId = headers['x-request-id']?.slice(0, 128) || ids.next();
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://function.local');
    // Log records name the request's own span (when tracing is on), else what the caller sent.
    const log = options.logger.child({ requestId, ...(activeTrace() ?? parseTraceHeaders(req.headers)) });
    const started = process.hrtime.bigint();
    res.set('X-Request-Id', requestId);

    let result: HttpResult;
    try {
      result = await dispatch(req, headers, url, requestId, log);
    } catch (error) {
      const problem = toProblem(error, url.pathname);
      if (problem.status >= 500) log.error('request failed', { error, code: problem.code, path: url.pathname });
      else log.info('request refused', { code: problem.code, path: url.pathname, detail: problem.detail });
      // The request id in the body too: what a caller quotes to support, found in the logs as is.
      result = { status: problem.status, body: { ...problem, requestId }, contentType: PROBLEM_CONTENT_TYPE };
      if (error instanceof MethodNotAllowedError) result.headers = { Allow: error.allow.join(', ') };
      if (error instanceof RateLimitedError) result.headers = error.headers;
      // RFC 6750: every 401 names the scheme, and says when the token presented was the problem.
      if (problem.status === 401)
        result.headers = {
          'WWW-Authenticate': headers['authorization']
            ? 'Bearer realm="backbone", error="invalid_token"'
            : 'Bearer realm="backbone"',
        };
    }
    const responseSize =
      result.stream && res.write && req.method !== 'HEAD'
        ? await stream(res, result, log)
        : send(res, result, req.method === 'HEAD');
    // One record per request, in the shape Cloud Logging shows as a request line (its latency a
    // Duration). The path only: a query can hold a signed link's signature.
    const latencySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    log.info('request served', {
      httpRequest: {
        requestMethod: req.method,
        requestUrl: url.pathname,
        status: result.status,
        latency: `${latencySeconds.toFixed(6)}s`,
        requestSize: String(req.rawBody?.length ?? Number(headers['content-length'] ?? 0)),
        responseSize: String(responseSize),
        remoteIp: clientAddress(headers['x-forwarded-for'], trustedHops),
        ...(headers['user-agent'] ? { userAgent: headers['user-agent'].slice(0, 256) } : {}),
        ...(headers['referer'] ? { referer: headers['referer'].split('?')[0]!.slice(0, 256) } : {}),
        protocol: 'HTTP/1.1',
      },
    });
    span.setAttribute('http.response.status_code', result.status);
  }

  async function dispatch(
    req: IncomingRequest,
    headers: Record<string, string | undefined>,
    url: URL,
    requestId: string,
    log: Logger,
  ): Promise<HttpResult> {
    const method = req.method.toUpperCase() as HttpMethod;
    if (!METHODS.includes(method)) throw new MethodNotAllowedError(req.method, [...METHODS]);
    const found = match(method, url.pathname);
    if (found.kind === 'none') throw new RouteNotFoundError(url.pathname);
    if (found.kind === 'wrong-method') throw new MethodNotAllowedError(method, found.allow);
    // The route's template, not the path: span names stay few (Cloud Trace groups by them).
    trace.getActiveSpan()?.updateName(`${method} ${found.route.path}`);
    trace.getActiveSpan()?.setAttribute('http.route', found.route.path);

    const caller = await authorize(accessList(found.route.access), headers);
    if (caller.kind === 'client' && (!found.route.scope || !caller.scopes.includes(found.route.scope)))
      throw new ForbiddenError(
        found.route.scope ? `This API key lacks the scope ${found.route.scope}.` : 'This route takes no API keys.',
      );
    // Liveness probes (the aggregator checks every function each minute) are not metered.
    const limited = builtins.includes(found.route) || found.route.metered === false ? {} : await limit(caller, headers);
    const rawBody = req.rawBody ?? Buffer.alloc(0);
    const declaredLength = Number(headers['content-length'] ?? 0);
    if (rawBody.length > maxBodyBytes || declaredLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    let body: unknown;
    if (BODY_METHODS.includes(method) && rawBody.length > 0) {
      const contentType = headers['content-type'];
      if (!contentType || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
        throw new UnsupportedMediaTypeError(contentType, 'application/json');
      }
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch (error) {
        throw new MalformedJsonError(error);
      }
      const unsafe = findUnsafeValue(body);
      if (unsafe) throw new ValidationError('The body is not valid.', [unsafe]);
    }
    for (const [key, value] of url.searchParams) {
      const problem = unsafeText(key) ?? unsafeText(value);
      if (problem)
        throw new ValidationError('The query is not valid.', [{ path: key, message: `the parameter ${problem}` }]);
    }
    const idempotent = await startIdempotent(method, caller, headers, url.pathname, rawBody);
    if (idempotent?.replay)
      return {
        ...idempotent.replay,
        headers: { ...limited, ...idempotent.replay.headers, 'Idempotent-Replayed': 'true' },
      };
    let result: HttpResult;
    try {
      result = await found.route.handle({
        method,
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        headers,
        body,
        rawBody,
        requestId,
        log,
        caller,
      });
    } catch (error) {
      if (idempotent) {
        const problem = toProblem(error, url.pathname);
        await keep(idempotent.key, { status: problem.status, body: problem, contentType: PROBLEM_CONTENT_TYPE }, log);
      }
      throw error;
    }
    if (idempotent) await keep(idempotent.key, result, log);
    return { ...result, headers: { ...limited, ...result.headers } };
  }

  /**
   * A mutating request with an `Idempotency-Key` runs once per caller and key: a retry (after a
   * timeout or a 500) gets the first response again, marked `Idempotent-Replayed: true`.
   */
  async function startIdempotent(
    method: HttpMethod,
    caller: Caller,
    headers: Record<string, string | undefined>,
    path: string,
    rawBody: Buffer,
  ): Promise<{ key: string; replay?: HttpResult } | undefined> {
    const given = headers['idempotency-key'];
    if (!options.idempotency || given === undefined || !BODY_METHODS.concat('DELETE').includes(method))
      return undefined;
    if (caller.kind === 'anonymous') return undefined;
    if (!/^[\x21-\x7e]{1,255}$/.test(given))
      throw new ValidationError('The Idempotency-Key header is not valid.', [
        { path: 'Idempotency-Key', message: '1 to 255 printable ASCII characters' },
      ]);
    const key = sha256(`${callerId(caller)}\n${given}`);
    const fingerprint = sha256(`${method} ${path}\n${rawBody.toString('base64')}`);
    const start = await options.idempotency.start(key, fingerprint);
    if (start.kind === 'mismatch') throw new IdempotencyKeyReusedError();
    if (start.kind === 'in-progress')
      throw new ConflictError('A request with this Idempotency-Key is still running; retry later.');
    return start.kind === 'replay' ? { key, replay: start.response } : { key };
  }

  async function keep(key: string, result: HttpResult, log: Logger): Promise<void> {
    // Masked like any stored record: a secret shown once (a new API key) is not kept.
    const stored: StoredResponse = { status: result.status, body: maskDeep(result.body) };
    if (result.contentType) stored.contentType = result.contentType;
    if (result.headers?.Location) stored.headers = { Location: result.headers.Location };
    await options.idempotency!.finish(key, stored).catch((error: unknown) => {
      // The request ran; only its replay is lost (a retry within the lease answers 409).
      log.warn('could not keep the response for its Idempotency-Key', { error });
    });
  }

  /** Counts the request against its caller's tier; a refusal is a 429 problem with Retry-After. */
  async function limit(caller: Caller, headers: Record<string, string | undefined>): Promise<Record<string, string>> {
    if (!options.rateLimit || caller.kind === 'service') return {};
    const admin =
      caller.kind === 'user' &&
      caller.roles.some((r) => ['platform_admin', 'deputy_governor', 'platform_governor'].includes(r));
    const tier: RateTier = caller.kind === 'anonymous' ? 'anonymous' : admin ? 'admin' : 'authenticated';
    const key =
      caller.kind === 'anonymous'
        ? `ip:${clientAddress(headers['x-forwarded-for'], trustedHops) ?? 'unknown'}`
        : callerId(caller);
    const decision = await options.rateLimit.limiter.check(key, tier);
    const rateHeaders = rateLimitHeaders(decision, options.rateLimit.windowSeconds);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, rateHeaders);
    return rateHeaders;
  }

  /** Deny by default: a non-public route needs a verified caller of one of its kinds. */
  async function authorize(access: RouteAccess[], headers: Record<string, string | undefined>): Promise<Caller> {
    const caller: Caller = options.authenticator
      ? await options.authenticator.authenticate(headers)
      : { kind: 'anonymous' };
    if (access.includes('public')) return caller;
    const wanted = access.map((kind) => ACCESS_NAMES[kind]).join(' or ');
    if (caller.kind === 'anonymous') throw new AuthenticationError(`This route needs ${wanted}.`);
    if (!access.includes(caller.kind)) throw new ForbiddenError(`This route is for ${wanted} only.`);
    return caller;
  }
}

const ACCESS_NAMES: Record<RouteAccess, string> = {
  public: 'anyone',
  user: 'a signed-in user',
  service: 'a service identity',
  client: "a tenant's API key",
};

/** Routes with the access their manifest declares; a route the manifest does not declare stops the start. */
function withDeclaredAccess(routes: Route[], declared: HttpHandlerOptions['declared']): Route[] {
  if (!declared) return routes;
  const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
  const byKey = new Map(declared.map((d) => [key(d), d]));
  const missing = routes.filter((r) => !byKey.has(key(r))).map(key);
  const unserved = declared.filter((d) => !routes.some((r) => key(r) === key(d))).map(key);
  if (missing.length > 0 || unserved.length > 0) {
    throw new Error(
      `Routes and manifest disagree: not declared ${JSON.stringify(missing)}, declared but not served ${JSON.stringify(unserved)}`,
    );
  }
  return routes.map((r) => {
    const { access, scope } = byKey.get(key(r))!;
    return { ...r, access, ...(scope ? { scope } : {}) };
  });
}

function normalizeHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A streamed answer: headers now, then whatever the route writes until it returns or the client
 * goes away (its `closed` signal then aborts, so the route can stop its listeners).
 */
async function stream(res: OutgoingResponse, result: HttpResult, log: Logger): Promise<number> {
  let written = 0;
  const closed = new AbortController();
  res.on?.('close', () => closed.abort());
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.set(name, value);
  res.set('Content-Type', result.contentType ?? 'text/event-stream; charset=utf-8');
  res.flushHeaders?.();
  try {
    await result.stream!({
      write: (chunk) => {
        if (closed.signal.aborted) return;
        written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        res.write!(chunk);
      },
      closed: closed.signal,
    });
  } catch (error) {
    // Headers are gone: the stream just ends, and the client resumes from its last event.
    log.error('stream failed', { error });
  }
  res.end();
  return written;
}

/** Sends the answer; returns the body's size in bytes. */
function send(res: OutgoingResponse, result: HttpResult, headOnly: boolean): number {
  if (res.headersSent) return 0;
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.set(name, value);
  if (result.body === undefined) {
    res.end();
    return 0;
  }
  const isText = typeof result.body === 'string';
  res.set('Content-Type', result.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json'));
  if (!res.headersSent && result.status >= 400) res.set('Cache-Control', 'no-store');
  if (headOnly) {
    res.end();
    return 0;
  }
  const text = isText ? (result.body as string) : JSON.stringify(result.body);
  res.send(text);
  return Buffer.byteLength(text);
}
