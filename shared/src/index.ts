// The public surface of Backbone's shared library, exported by name (convention 9).
export { BaseConfigSchema, loadConfig, LOCAL_ONLY_VARIABLES, type BaseConfig } from './config/load-config';
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
export {
  createLogger,
  stdoutSink,
  type LogRecord,
  type LogSink,
  type Logger,
  type Severity,
} from './logging/logger';
export { findPii, maskDeep, maskPii } from './logging/pii-masker';
export { describeFindings, maskedText, piiFreeUrl, refuseIfPii, stringsIn } from './logging/stored-text';
export {
  createHttpHandler,
  type HttpHandlerOptions,
  type IncomingRequest,
  type OutgoingResponse,
} from './http/http-handler';
export { parseWith } from './http/parse-with';
export { respond, type HttpMethod, type HttpRequestContext, type HttpResult, type Route } from './http/types';
export { EventEnvelopeSchema, type EventEnvelope } from './events/envelope';
export { createEventHandler, type EventContext } from './events/event-handler';
export { systemClock, type Clock } from './ports/clock';
export { uuidGenerator, type IdGenerator } from './ports/id-generator';
export type { EventPublisher, PublishOptions } from './ports/event-publisher';
export type { DeadLetter, FailureRecorder } from './ports/failure-recorder';
export type { IdempotencyOutcome, IdempotencyStore } from './ports/idempotency-store';
export { createFirestore } from './adapters/firestore-client';
export { FirestoreIdempotencyStore } from './adapters/firestore-idempotency-store';
export { FirestoreFailureRecorder } from './adapters/firestore-failure-recorder';
export { PubSubEventPublisher } from './adapters/pubsub-event-publisher';
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
  ErrorClassSchema,
  HEALTH_EVENTS_TOPIC,
  HealthSampleSchema,
  healthEventTypes,
  IncidentEventSchema,
  IncidentSchema,
  PlatformSnapshotSchema,
  PlatformStatusSchema,
  ServiceDefinitionSchema,
  ServiceStateSchema,
  ServiceStatusChangedSchema,
  ServiceStatusSchema,
  type ErrorClass,
  type HealthSample,
  type Incident,
  type IncidentEvent,
  type PlatformSnapshot,
  type PlatformStatus,
  type ServiceDefinition,
  type ServiceDefinitionInput,
  type ServiceState,
  type ServiceStatus,
} from './health/health-schemas';
export type { HealthStore, OutboxEntry, SampleWriter, ServiceChange } from './ports/health-store';
export type { HealthProber, ProbeObservation } from './ports/health-prober';
export { FirestoreHealthStore, healthCollections } from './adapters/firestore-health-store';
export { HttpHealthProber } from './adapters/http-health-prober';
export { fromFirestore, readDocument } from './adapters/firestore-documents';
export type { AffectedSubscription, TicketForIncident, TicketStore } from './ports/ticket-store';
export { FirestoreTicketStore } from './adapters/firestore-ticket-store';
export {
  DecisionRequestSchema,
  entitySlice,
  PolicyEngine,
  PolicySetInvalidError,
  type Decision,
  type DecisionRequest,
  type DecisionRequestInput,
  type PolicySetSource,
} from './policy/policy-engine';
export { DEFAULT_POLICY_SET } from './policy/default-policies';
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
} from './policy/roles';
export {
  AuditRecordSchema,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
  type AuditRecordInput,
} from './audit/audit-record';
export { UNSETTLED_OUTCOME, type AuditIntent, type AuditLog } from './ports/audit-log';
export type { IdempotentResponses, IdempotentStart, StoredResponse } from './ports/idempotent-responses';
export { FirestoreIdempotentResponses } from './adapters/firestore-idempotent-responses';
export { auditCollections, FirestoreAuditLog, readAuditChain } from './adapters/firestore-audit-log';
export {
  FirestoreAuditSequencer,
  SequencerLeaseLostError,
  type RoundReport,
  type SequencerOptions,
} from './adapters/firestore-audit-sequencer';
export { cutTiles, tileId, type AuditTile } from './audit/tiles';
export type { PolicySource } from './ports/policy-source';
export { FirestorePolicySource, watchedPolicyHolder } from './adapters/firestore-policy-source';
export {
  accessList,
  callerId,
  ROUTE_ACCESS,
  tenantOf,
  UserClaimsSchema,
  type Caller,
  type RouteAccess,
} from './auth/caller';
export type { Authenticator } from './ports/authenticator';
export { BearerAuthenticator, type TokenVerifier } from './auth/bearer-authenticator';
export { FirebaseIdTokenVerifier } from './adapters/firebase-id-token-verifier';
export { GoogleOidcVerifier } from './adapters/google-oidc-verifier';
export { CredentialAuthenticator } from './auth/credential-authenticator';
export {
  HTTP_SECURITY_COLLECTIONS,
  LOCAL_OIDC_KID,
  SecurityConfigSchema,
  type SecurityConfig,
} from './auth/security-config';
export { declaredRoutes, firebaseApp, httpSecurity, type HttpSecurity } from './adapters/http-security';
export { API_KEY_PATTERN, ApiKeys, type ApiKeyCaller, type ApiKeySummary } from './auth/api-keys';
export type { ApiKeyRecord, ApiKeyStore } from './ports/api-key-store';
export { FirestoreApiKeyStore } from './adapters/firestore-api-key-store';
export {
  RATE_TIERS,
  RateLimiter,
  rateLimitHeaders,
  slidingCount,
  type RateDecision,
  type RateTier,
} from './ratelimit/rate-limiter';
export type { RateLimitStore } from './ports/rate-limit-store';
export { FirestoreRateLimitStore } from './adapters/firestore-rate-limit-store';
export { percentile } from './stats/percentile';
export {
  TRIAL_LIMITS,
  TrialStateSchema,
  trialContext,
  usageDay,
  type TrialState,
  type TrialUsage,
} from './governance/trial';
export {
  AllowListSchema,
  GLOBAL_SCOPE,
  HostSchema,
  McpServerIdSchema,
  McpServerInputSchema,
  resolveHost,
  resolveMcpServer,
  type AllowList,
  type CallTarget,
  type McpServerInput,
  type McpServerRecord,
} from './governance/registry';
export type { TrialStore } from './ports/trial-store';
export type { Change, RegistryStore } from './ports/registry-store';
export { FirestoreTrialStore } from './adapters/firestore-trial-store';
export { FirestoreRegistryStore } from './adapters/firestore-registry-store';
export { TtlCache } from './cache/ttl-cache';
export { PolicyHolder, PolicySetDocumentSchema } from './policy/policy-holder';
export {
  CheckpointSchema,
  verifyCheckpoints,
  type Checkpoint,
  type CheckpointVerdict,
} from './audit/checkpoint';
export type { CheckpointStore } from './ports/checkpoint-store';
export { GcsCheckpointStore } from './adapters/gcs-checkpoint-store';
export { parseRetryAfter, backoffMs } from './scraping/retry-after';
export { isBlockedHostName, isPublicAddress } from './scraping/address-guard';
export {
  ALLOW_ALL,
  DISALLOW_ALL,
  ROBOTS_MAX_BYTES,
  robotsRules,
  SCRAPER_AGENT,
  SCRAPER_USER_AGENT,
  type RobotsRules,
} from './scraping/robots';
export { contentHash, pageText } from './scraping/page-text';
export {
  ACCEPTED_CONTENT_TYPES,
  isDue,
  KnowledgeSourceSchema,
  ScrapeRequestSchema,
  SOURCE_OUTCOMES,
  summarizeRun,
  type KnowledgeSource,
  type RunSource,
  type ScrapeRequest,
  type ScrapeRun,
  type ScrapeRunRecord,
  type SourceOutcome,
} from './scraping/source';
export type { FetchOptions, FetchOutcome, PageFetcher } from './ports/page-fetcher';
export type { FinalOutcome, ScrapeStore } from './ports/scrape-store';
export type { HostGate, HostLease } from './ports/host-gate';
export type { BlobWriter } from './ports/blob-writer';
export { HttpPageFetcher, type HttpPageFetcherOptions } from './adapters/http-page-fetcher';
export { FirestoreScrapeStore } from './adapters/firestore-scrape-store';
export { FirestoreHostGate } from './adapters/firestore-host-gate';
export { GcsBlobWriter } from './adapters/gcs-blob-writer';
export { SCRAPE_REQUESTS_TOPIC, startRun, type StartRunInput } from './scraping/start-run';
export { Gatekeeper, principalOf, type GatekeeperDeps } from './policy/gatekeeper';
export { normalizeQuestion, queryKey } from './constitution/normalize';
export {
  CORPUS_KINDS,
  PrecedentSeedSchema,
  splitConstitution,
  splitParagraphs,
  splitPrecedents,
  type Clause,
  type CorpusKind,
} from './constitution/clauses';
export { HashingEmbedder, terms } from './constitution/hashing-embedder';
export { CACHE_INVALIDATION_TOPIC, ingestDocument } from './constitution/ingest';
export type { Embedder } from './ports/embedder';
export type { CachedAnswer, CorpusState, CorpusStore, SearchFilters, SearchHit } from './ports/corpus-store';
export type { BlobReader } from './ports/blob-reader';
export { corpusCollections, FirestoreCorpusStore } from './adapters/firestore-corpus-store';
export { VertexAiEmbedder } from './adapters/vertex-ai-embedder';
export { GcsBlobReader } from './adapters/gcs-blob-reader';
export {
  EMBEDDER_MANIFEST_ENV,
  EmbedderConfigShape,
  embedderFromConfig,
} from './adapters/embedder-from-config';
export {
  CheckoutSessionSchema,
  CustomerSchema,
  HANDLED_EVENT_TYPES,
  idOf,
  InvoiceSchema,
  StripeEventSchema,
  SubscriptionSchema,
  type StripeEvent,
} from './billing/stripe-objects';
export {
  BILLING_COLLECTIONS,
  BILLING_TOPIC,
  customerOf,
  planEvent,
  subscriptionStatusRank,
  tenantFromObject,
  type BillingCollection,
  type BillingPlan,
  type Watermark,
} from './billing/plan-event';
export { SIGNATURE_TOLERANCE_SECONDS, verifyStripeSignature } from './billing/verify-signature';
export { handleStripeEvent, type BillingDeps, type HandleOutcome } from './billing/handle-event';
export type {
  ApplyResult,
  BillingStore,
  DeadLetterRecord,
  InvoiceRecord,
  OutboxPublish,
  StripeEventRef,
} from './ports/billing-store';
export type { PlanChange, PlanChangePreview, StripeGateway, WebhookSecrets } from './ports/stripe-gateway';
export { billingCollections, FirestoreBillingStore } from './adapters/firestore-billing-store';
export {
  createStripeClient,
  STRIPE_API_KEY_SECRET,
  STRIPE_API_VERSION,
  STRIPE_MANIFEST_ENV,
  StripeApiGateway,
  StripeConfigShape,
} from './adapters/stripe-api-gateway';
export { SecretManagerWebhookSecrets, StaticWebhookSecrets } from './adapters/webhook-secrets';
export { creditPercentFor, SLA_POLICY, slaPeriod } from './billing/sla-policy';
export type { SlaStore } from './ports/sla-store';
export { FirestoreSlaStore } from './adapters/firestore-sla-store';
export type { SagaRecord, SagaStore, StepState } from './ports/saga-store';
export { FirestoreSagaStore, SagaBusyError } from './adapters/firestore-saga-store';
export type { TenantProvisioning } from './ports/tenant-provisioning';
export { FirestoreTenantProvisioning } from './adapters/firestore-tenant-provisioning';
export { API_KEY_SCOPES, API_KEY_SCOPE_NAMES, type ApiKeyScope } from './auth/scopes';
export { TENANT_ID_PATTERN, TenantIdSchema } from './governance/tenant-id';
