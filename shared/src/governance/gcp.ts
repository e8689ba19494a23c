// The governance domain's Google adapters.
export { FirestoreTrialStore } from './firestore-trial-store';
export { FirestoreRegistryStore } from './firestore-registry-store';
