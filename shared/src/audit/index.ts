// The audit domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  AuditRecordSchema,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  serviceRecord,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
  type AuditRecordInput,
} from './audit-record';
export { UNSETTLED_OUTCOME, type AuditIntent, type AuditLog } from './audit-log';
export { cutTiles, tileId, type AuditTile } from './tiles';
export { CheckpointSchema, verifyCheckpoints, type Checkpoint, type CheckpointVerdict } from './checkpoint';
export type { CheckpointStore } from './checkpoint-store';
export {
  AuditBatchSchema,
  batchName,
  HOT_DAYS,
  NOTHING_ARCHIVED,
  openBatch,
  sealBatch,
  type ArchivedThrough,
  type AuditBatch,
} from './archive-batch';
export type { AuditArchive, AuditTiles } from './audit-archive';
