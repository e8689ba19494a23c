import { FieldPath, type Firestore } from '@google-cloud/firestore';
import { ALL_ROLES, ConflictError, type Role } from '@backbone/shared/core';
import { readDocument } from '@backbone/shared/gcp';
import { z } from 'zod';
import type { Membership, MembershipStore } from '../members/ports';

const MembershipSchema = z.object({
  uid: z.string(),
  tenant: z.string(),
  portal: z.enum(['CP', 'PP']),
  roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])),
  invitedAt: z.string(),
  invitedBy: z.string(),
  updatedAt: z.string(),
});

/**
 * `tenant_members/{uid}`: one document per user, so "one tenant per user" is a transaction on
 * one document, and a tenant's list is an equality query in uid order (served by the built-in
 * single-field index on `tenant`). Written only on admin actions: far below a document's write rate.
 */
export class FirestoreMembershipStore implements MembershipStore {
  constructor(private readonly db: Firestore) {}

  private ref(uid: string) {
    return this.db.collection('tenant_members').doc(uid);
  }

  put(m: Membership): Promise<{ created: boolean; previous?: Membership }> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(m.uid));
      const previous = snap.exists ? readDocument(MembershipSchema, snap.data(), `tenant_members/${m.uid}`) : undefined;
      if (previous && previous.tenant !== m.tenant)
        throw new ConflictError('This user already belongs to another tenant.');
      tx.set(this.ref(m.uid), previous ? { ...m, invitedAt: previous.invitedAt, invitedBy: previous.invitedBy } : m);
      return { created: !previous, ...(previous ? { previous } : {}) };
    });
  }

  async get(uid: string): Promise<Membership | undefined> {
    const snap = await this.ref(uid).get();
    return snap.exists ? readDocument(MembershipSchema, snap.data(), `tenant_members/${uid}`) : undefined;
  }

  async list(tenant: string, page: { after?: string; limit: number }): Promise<Membership[]> {
    let query = this.db
      .collection('tenant_members')
      .where('tenant', '==', tenant)
      .orderBy(FieldPath.documentId())
      .limit(page.limit);
    if (page.after !== undefined) query = query.startAfter(page.after);
    const snap = await query.get();
    return snap.docs.map((d) => readDocument(MembershipSchema, d.data(), `tenant_members/${d.id}`));
  }

  async delete(uid: string): Promise<void> {
    await this.ref(uid).delete();
  }

  async tenantExists(tenant: string): Promise<boolean> {
    return (await this.db.collection('tenants').doc(tenant).get()).exists;
  }
}
