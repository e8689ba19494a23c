// The agents domain's Google adapters.
export { agentCollections, FirestoreAgentStore } from './firestore-agent-store';
export { agentWriterDeps } from './agent-writer-deps';
