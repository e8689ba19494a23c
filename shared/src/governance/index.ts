// The governance domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export { TRIAL_LIMITS, TrialStateSchema, trialContext, usageDay, type TrialState, type TrialUsage } from './trial';
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
} from './registry';
export type { TrialStore } from './trial-store';
export type { Change, RegistryStore } from './registry-store';
export { TENANT_ID_PATTERN, TenantIdSchema } from './tenant-id';
