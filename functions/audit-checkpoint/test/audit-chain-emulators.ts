import { Storage } from '@google-cloud/storage';
import { systemClock } from '@backbone/shared/core';
import type { AuditEntry } from '@backbone/shared/audit';
import {
  FirestoreAuditLog,
  FirestoreAuditSequencer,
  GcsCheckpointStore,
  readAuditChain,
} from '@backbone/shared/audit/gcp';
import { captureLogs, emulatorFirestore, sampleAuditRecords, uniqueProjectId } from '@backbone/shared/testing';

/**
 * The audit chain on a test file's own emulator project, as the audit functions' tests share it:
 * the chain in Firestore, checkpoints (and archives) in the `audit-archive` bucket of the Storage
 * emulator, which a first write creates.
 */
export function auditChainOnEmulators() {
  const project = uniqueProjectId();
  const bucketName = `${project}-audit-archive`;
  const db = emulatorFirestore(project);
  const bucket = new Storage({ projectId: project }).bucket(bucketName);
  const audit = new FirestoreAuditLog(db);
  const checkpoints = new GcsCheckpointStore(bucket);
  const sequencer = new FirestoreAuditSequencer(db, { clock: systemClock, logger: captureLogs().logger });
  /** `n` records made at `at`, integrated by one sequencer round (one tile). */
  const appendRound = async (n: number, at: Date) => {
    await audit.append(sampleAuditRecords(n, at));
    if (!(await sequencer.acquire())) throw new Error('the sequencer lease was not free');
    await sequencer.round();
  };
  const chain = async (): Promise<AuditEntry[]> => {
    const out: AuditEntry[] = [];
    for await (const entry of readAuditChain(db)) out.push(entry);
    return out;
  };
  return { project, bucketName, db, bucket, audit, checkpoints, sequencer, appendRound, chain };
}
