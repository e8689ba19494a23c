// Test helpers only: never imported by function code.
export {
  captureLogs,
  ManualClock,
  MemoryApiKeyStore,
  MemoryBlobWriter,
  MemoryFailureRecorder,
  MemoryIdempotencyStore,
  MemoryIdempotentResponses,
  MemoryRateLimitStore,
  RecordingEventPublisher,
  SequentialIds,
  StaticAuthenticator,
  type PublishedEvent,
} from './doubles';
export { invokeHttp, pubsubCloudEvent, type InvokeResult } from './invoke';
export { staffUser, tenantUser } from './callers';
export { contractClient } from './contract-client';
export {
  clearFirestore,
  createPullSubscription,
  emulatorFirestore,
  ensureTopic,
  pullMessages,
  uniqueProjectId,
  type PulledMessage,
} from './emulator';
export { startFakeServices, type FakeServices, type FakeBehaviour } from './fake-services';
export { MemoryHealthStore } from '../health/memory-health';
export { MemoryAuditLog } from '../audit/memory-audit-log';
export { sampleAuditRecord, sampleAuditRecords } from './audit-records';
export { serveHttp } from './serve-http';
export { signOidcToken } from './oidc-tokens';
export { MemoryRegistryStore, MemoryTrialStore } from '../governance/memory-governance';
export { MemoryScrapeStore } from '../scraping/memory-scraping';
export { MemoryAgentStore } from '../agents/memory-agent-store';
export { agentRecord, seedAgents } from './agents';
export { MemoryRunLogs } from '../runlogs/memory-run-logs';
export { MemoryApprovalStore } from '../approvals/memory-approval-store';
export { MemoryBreakGlassStore } from '../approvals/memory-break-glass-store';
export { MemoryDeviceStore } from '../approvals/memory-device-store';
export { MemoryPreferencesStore } from '../approvals/memory-preferences-store';
export { MemoryBudgetStore } from '../runlogs/memory-budget-store';
export { MemoryBenchmarkStore } from '../runlogs/memory-benchmark-store';
export { startTestSite, type TestSite } from './test-site';
export { signInOnAuthEmulator } from './auth-emulator';
export { startStripeRecorder, stripeFixtures, type RecordedStripeRequest } from '../billing/stripe-fixtures';
export {
  labelWrites,
  recordWrites,
  writeBudget,
  writesRecorded,
  type WriteBudgetRow,
} from './write-budget/record-writes';
export { catalogTopic, EVENT_CATALOG } from './event-catalog';
export { RecordingPushSender } from './recording-push-sender';
export { RecordingEmailSender } from './recording-email-sender';
export { MemoryObjectStore } from '../workspaces/memory-object-store';
export { MemoryArchiveStore } from '../workspaces/memory-archive-store';
export { MemoryAuditArchive } from '../audit/memory-audit-archive';
export { MemoryAuditTiles } from '../audit/memory-audit-tiles';
export { recordSpans } from './spans';
