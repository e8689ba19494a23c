// The agents domain: the registry's records, versions, specialties and lifecycle (no Google SDK; adapters are in ./gcp).
export {
  AgentIdSchema,
  AgentSpecSchema,
  AgentVersionInputSchema,
  compareSemver,
  SemverSchema,
  specHash,
  type AgentSpec,
  type AgentVersion,
  type AgentVersionInput,
} from './agent-spec';
export {
  agentState,
  CertificationSchema,
  type Certification,
  AgentRecordSchema,
  STATUS_FILTER,
  type AgentRecord,
  type AgentState,
  type StatusNote,
} from './agent-record';
export {
  MAX_VERSIONS,
  type AgentChange,
  type AgentFilter,
  type AgentPlan,
  type AgentRun,
  type AgentRunStore,
  type AgentStore,
  type RunOutcome,
} from './agent-store';
export { agentEvents, type AgentEventType } from './agent-events';
export { agentEventId, announced, lifecycleEvent, newAgentRecord, revised, versionAddedEvent } from './agent-changes';
export {
  AGENT_LIFECYCLE_V1,
  AGENT_STATUSES,
  AgentStateError,
  LIFECYCLE_EVENTS,
  LifecycleDefinitions,
  SHIPPED_LIFECYCLES,
  type AgentStatus,
  type LifecycleDefinition,
  type LifecycleEvent,
} from './lifecycle';
export {
  resolveSpecialty,
  SPECIALTIES,
  SPECIALTY_IDS,
  specialtyKey,
  type SpecialtyId,
  type SpecialtyMatch,
} from './specialties';
export {
  CertificationRequestSchema,
  GENESIS_API_ROUTES,
  GENESIS_SIGNATURE_HEADER,
  GENESIS_SIGNING_SECRET,
  GENESIS_TOLERANCE_SECONDS,
  GenesisCallbackSchema,
  signGenesis,
  verifyGenesisSignature,
  type CertificationRequest,
  type GenesisCallback,
} from './genesis';
export {
  CONFORMITY_MAX_VARIATION,
  CONFORMITY_RUNS,
  conformityOf,
  ConformitySchema,
  type Conformity,
} from './conformity';
export { applyAndPublish } from './apply-and-publish';
export { advanceUpgrade, RUN_LEASE_MS, type UpgradeProgress } from './upgrade';
export { suspendOnTrigger, type AgentWriterDeps } from './suspend';
