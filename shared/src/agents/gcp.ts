// The agents domain's Google adapters.
export { agentCollections, FirestoreAgentStore } from './firestore-agent-store';
