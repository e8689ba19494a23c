// The run logs domain: agents' step records, masked before they are stored (004§1.1, 004§1.2),
// the rollups and the activity feed the intake maintains with them.
export {
  RUN_OUTCOMES,
  STEP_KINDS,
  StepInputSchema,
  storedStep,
  type ModelCall,
  type StepInput,
  type StoredStep,
} from './step';
export {
  FOLLOW_WINDOW,
  type ActivityFeed,
  type AgentRollup,
  type DayRange,
  type FeedEntry,
  type ModelCallQuery,
  type RunStatsStore,
  type StepOutcome,
  type StepStore,
} from './step-store';
export {
  ACTIVITY_TYPES,
  activityForStep,
  comparePositions,
  decodePosition,
  encodePosition,
  type ActivityItem,
  type FeedPosition,
  type NewActivityItem,
} from './activity';
export { ROLLUP_COUNTERS, utcDay, zeroTotals, type ModelUsage, type RollupTotals } from './run-rollup';
export { percentileRank, statsFrom, type RunStats } from './run-stats';
export {
  BudgetSchema,
  budgetPeriod,
  crossedThresholds,
  DEFAULT_THRESHOLDS,
  periodDays,
  type Budget,
  type BudgetAlert,
  type BudgetChannel,
} from './budget';
export { budgetActivity, type AlertDelivery, type BudgetStore, type StoredBudgetAlert } from './budget-store';
export {
  BENCHMARK_DAYS,
  benchmarkRange,
  peerBenchmarks,
  type BenchmarkStore,
  type PeerBenchmark,
} from './peer-benchmarks';
export { authorizeRead, tenantFor, usageOf, type UsageAccessDeps } from './usage-access';
export { runSteps } from './run-log-events';
export { ingestSteps } from './intake';
