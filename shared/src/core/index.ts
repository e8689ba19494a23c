// Backbone's core: config, errors, logging, manifests, HTTP and event plumbing, auth, rate limits and
// idempotency. It imports no domain and no Google SDK (eslint keeps it so).
export {
  BaseConfigSchema,
  commaList,
  jsonEnv,
  loadConfig,
  LOCAL_ONLY_VARIABLES,
  type BaseConfig,
} from './config/load-config';
export { functionContext } from './config/function-context';
export { errorCodes, problemType, type ErrorCode } from './errors/error-codes';
export {
  AppError,
  AuthenticationError,
  ConfigError,
  ConflictError,
  WebhookSignatureError,
  ForbiddenError,
  InvalidEventError,
  MalformedJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  QuotaExceededError,
  ArchiveGoneError,
  PolicyDeniedError,
  RateLimitedError,
  RouteNotFoundError,
  TransientError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
} from './errors/app-errors';
export { PROBLEM_CONTENT_TYPE, toProblem, type Problem } from './errors/problem';
export { toFieldIssues } from './errors/zod-issues';
export { createLogger, stdoutSink, type LogRecord, type LogSink, type Logger, type Severity } from './logging/logger';
export { findPii, maskDeep, maskPii } from './logging/pii-masker';
export { describeFindings, maskedText, piiFreeUrl, refuseIfPii, stringsIn } from './logging/stored-text';
export {
  createHttpHandler,
  type HttpHandlerOptions,
  type IncomingRequest,
  type OutgoingResponse,
} from './http/http-handler';
export {
  defineRoutes,
  manifestRoutes,
  routesFrom,
  type RouteContract,
  type RouteContracts,
  type RouteHandlers,
  type RouteInput,
} from './http/route-contract';
export { openApiDocument, routeErrorCodes } from './http/openapi';
export {
  createScheduledHandler,
  roundIdFor,
  SCHEDULED_ROUTES,
  ScheduleTimeHeaderSchema,
  type ScheduledTick,
} from './http/scheduled-handler';
export { parseWith } from './http/parse-with';
export { deliverPost, type DeliveryPost } from './http/deliver-post';
export { wireSchema } from './http/wire-schema';
// Who outbound requests to addresses others chose may reach (SSRF): public addresses only.
export { isBlockedHostName, isPublicAddress } from './http/address-guard';
export { respond, type HttpMethod, type HttpRequestContext, type HttpResult, type Route } from './http/types';
export { EventEnvelopeSchema, fromWireType, toWireType, WIRE_TYPE_PREFIX, type EventEnvelope } from './events/envelope';
export { consume, createEventHandler, type EventContext } from './events/event-handler';
export {
  defineTopic,
  EventContractError,
  isTopic,
  type EventInput,
  type EventSchemas,
  type Topic,
  type TopicEvent,
} from './events/topic';
export { publishInKeyOrder, type OutboxEntry } from './events/outbox';
export { systemClock, type Clock } from './ports/clock';
export { uuidGenerator, type IdGenerator } from './ports/id-generator';
export type { EventPublisher, PublishOptions } from './ports/event-publisher';
export type { DeadLetter, FailureRecorder } from './ports/failure-recorder';
export type { IdempotencyOutcome, IdempotencyStore } from './idempotency/idempotency-store';
export { KeyedLocks } from './concurrency/keyed-locks';
export { mapWithConcurrency } from './concurrency/map-with-concurrency';
export {
  defineFunction,
  entryPointOf,
  FunctionManifestSchema,
  signatureTypeOf,
  type FunctionManifest,
  type FunctionManifestInput,
  type HttpRoute,
} from './manifest/function-manifest';
export {
  ACTIONS,
  ALL_ROLES,
  COMPONENTS,
  CUSTOMER_ROLES,
  PLATFORM_ROLES,
  PLATFORM_TENANT,
  ROLE_INHERITS,
  rolesOfPortal,
  type CustomerRole,
  type PlatformRole,
  type Role,
} from './auth/roles';
export type { IdempotentResponses, IdempotentStart, StoredResponse } from './idempotency/idempotent-responses';
export {
  accessList,
  callerId,
  ROUTE_ACCESS,
  tenantOf,
  UserClaimsSchema,
  type Caller,
  type RouteAccess,
} from './auth/caller';
export type { Authenticator } from './auth/authenticator';
export { BearerAuthenticator, type TokenVerifier } from './auth/bearer-authenticator';
export { CredentialAuthenticator } from './auth/credential-authenticator';
export {
  HTTP_SECURITY_COLLECTIONS,
  LOCAL_OIDC_KID,
  SecurityConfigSchema,
  type SecurityConfig,
} from './auth/security-config';
export { API_KEY_PATTERN, ApiKeys, type ApiKeyCaller, type ApiKeySummary } from './auth/api-keys';
export type { ApiKeyRecord, ApiKeyStore } from './auth/api-key-store';
export {
  RATE_TIERS,
  RateLimiter,
  rateLimitHeaders,
  slidingCount,
  type RateDecision,
  type RateTier,
} from './ratelimit/rate-limiter';
export type { RateLimitStore } from './ratelimit/rate-limit-store';
export { percentile } from './stats/percentile';
export { TtlCache } from './concurrency/ttl-cache';
export type { BlobWriter } from './ports/blob-writer';
export { API_KEY_SCOPES, API_KEY_SCOPE_NAMES, type ApiKeyScope } from './auth/scopes';
export { activeTrace, extractParent, injectTrace, inSpan, SpanKind } from './tracing/tracing';
