// The policy domain's Google adapters.
export { FirestorePolicySource, watchedPolicyHolder } from './firestore-policy-source';
