import { createHash } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import { canonicalJson, verifyChain, type AuditEntry } from '@backbone/shared/audit';
import { FirestoreAuditLog, FirestoreAuditTiles, readAuditChain } from '@backbone/shared/audit/gcp';
import { encode } from './snapshot';

/** What must survive a restore exactly: the suite's state a customer or an auditor would miss. */
export interface Invariants {
  billing: { documents: number; digest: string };
  registry: { documents: number; digest: string };
  tenants: { documents: number; digest: string };
  audit: { records: number; head: number; intact: boolean; reason?: string };
}

const BILLING = [
  'billing_customers',
  'billing_subscriptions',
  'billing_invoices',
  'billing_credit_notes',
  'stripe_events',
  'subscriptions',
];
const REGISTRY = ['health_registry', 'mcp_servers', 'allow_lists', 'api_keys', 'policy_sets'];

async function digestOf(db: Firestore, collections: string[], groups: string[] = []) {
  const rows: string[] = [];
  for (const name of collections)
    for (const doc of (await db.collection(name).get()).docs)
      rows.push(`${doc.ref.path}\n${canonicalJson(encode(doc.data()))}`);
  for (const group of groups)
    for (const doc of (await db.collectionGroup(group).get()).docs)
      rows.push(`${doc.ref.path}\n${canonicalJson(encode(doc.data()))}`);
  rows.sort();
  return { documents: rows.length, digest: createHash('sha256').update(rows.join('\n\n')).digest('hex') };
}

export async function invariantsOf(db: Firestore): Promise<Invariants> {
  const through = await new FirestoreAuditTiles(db).archivedThrough();
  const entries: AuditEntry[] = [];
  for await (const e of readAuditChain(db)) entries.push(e);
  // The part still in Firestore chains on from the archived part (audit:verify checks the archive itself).
  const chain = verifyChain(entries, { seq: through.seq + 1, prevHash: through.hash });
  const head = await new FirestoreAuditLog(db).head();
  return {
    billing: await digestOf(db, BILLING),
    registry: await digestOf(db, REGISTRY, ['agents', 'versions']),
    tenants: await digestOf(db, ['tenants', 'tenant_members']),
    audit: {
      records: entries.length,
      head: head.seq,
      intact: chain.ok && (entries.at(-1)?.seq ?? through.seq) === head.seq,
      ...(chain.ok ? {} : { reason: `record ${chain.seq}: ${chain.reason}` }),
    },
  };
}
