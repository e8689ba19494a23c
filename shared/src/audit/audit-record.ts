import { createHash } from 'node:crypto';
import { z } from 'zod';

/** One privileged fact: who did (or was decided about) what, to what, with what outcome. */
export const AuditRecordSchema = z.object({
  actor: z.object({ type: z.string(), id: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  outcome: z.string(),
  /** The function that wrote it. */
  source: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type AuditRecordInput = z.input<typeof AuditRecordSchema>;

/**
 * What a function did on its own (a job or an event, no caller): the function's service identity
 * is the actor unless `actorId` names it otherwise.
 */
export function serviceRecord(
  source: string,
  at: Date,
  change: Pick<AuditRecordInput, 'action' | 'target' | 'outcome' | 'details'>,
  actorId = source,
): AuditRecordInput {
  return { actor: { type: 'Service', id: actorId }, ...change, source, at: at.toISOString() };
}

/** A record as stored: its place in the chain and the hash linking it to the previous one. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256(prevHash + seq + canonical record): changing, removing or reordering a record breaks every later hash. */
export function chainHash(prevHash: string, seq: number, record: AuditRecord): string {
  return createHash('sha256')
    .update(`${prevHash}\n${seq}\n${canonicalJson(record)}`)
    .digest('hex');
}

/** Walks entries in order (from record 1, or from a later one and its predecessor's hash); the first whose link or hash does not hold is reported. */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  from: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
): { ok: true; count: number } | { ok: false; seq: number; reason: string } {
  let prevHash = from.prevHash;
  let expectedSeq = from.seq;
  let count = 0;
  for (const entry of entries) {
    const { seq, prevHash: storedPrev, hash, ...rest } = entry;
    if (seq !== expectedSeq)
      return { ok: false, seq: expectedSeq, reason: `record ${expectedSeq} is missing (found ${seq})` };
    if (storedPrev !== prevHash) return { ok: false, seq, reason: 'its link to the previous record does not match' };
    if (chainHash(prevHash, seq, AuditRecordSchema.parse(rest)) !== hash)
      return { ok: false, seq, reason: 'its content does not match its hash' };
    prevHash = hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count };
}
