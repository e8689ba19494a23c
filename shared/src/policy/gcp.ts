// The policy domain's Google adapters.
export { FirestorePolicySource, watchedPolicyHolder } from './firestore-policy-source';
export { gatekeeperDeps } from './firestore-gatekeeper-deps';
