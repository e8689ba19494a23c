// The health domain's Google adapters.
export { FirestoreHealthStore, healthCollections } from './firestore-health-store';
