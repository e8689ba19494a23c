// The audit domain's Google adapters.
export { auditCollections, FirestoreAuditLog, readAuditChain } from './firestore-audit-log';
export {
  FirestoreAuditSequencer,
  SequencerLeaseLostError,
  type RoundReport,
  type SequencerOptions,
} from './firestore-audit-sequencer';
export { GcsCheckpointStore } from './gcs-checkpoint-store';
export { GcsAuditArchive } from './gcs-audit-archive';
export { FirestoreAuditTiles } from './firestore-audit-tiles';
