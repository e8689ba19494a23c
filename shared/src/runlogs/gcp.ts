// The run logs domain's Google adapters.
export { FirestoreStepStore } from './firestore-step-store';
