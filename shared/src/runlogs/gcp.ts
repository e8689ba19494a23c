// The run logs domain's Google adapters.
export { FirestoreStepStore, ROLLUP_SHARDS } from './firestore-step-store';
export { FirestoreRunStats, countAgentDecisions, RUN_ROLLUPS } from './firestore-run-rollups';
export { FirestoreActivityFeed } from './firestore-activity-feed';
export { FirestoreBudgetStore } from './firestore-budget-store';
export { FirestoreBenchmarkStore } from './firestore-benchmark-store';
