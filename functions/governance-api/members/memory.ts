import { ConflictError } from '@backbone/shared/core';
import type { DirectoryUser, MemberClaims, Membership, MembershipStore, UserDirectory } from './ports';

/** The identity provider for tests: users in a map, and every change it was asked for, in order. */
export class MemoryUserDirectory implements UserDirectory {
  readonly users = new Map<string, DirectoryUser>();
  readonly sent: Array<{
    op: 'create' | 'setClaims' | 'revokeSessions';
    uid: string;
    claims?: MemberClaims | null;
  }> = [];
  private next = 1;

  async findOrCreate(email: string) {
    const existing = [...this.users.values()].find((u) => u.email === email);
    if (existing) return { user: structuredClone(existing), created: false };
    const user: DirectoryUser = { uid: `user${this.next++}`, email };
    this.users.set(user.uid, user);
    this.sent.push({ op: 'create', uid: user.uid });
    return { user: structuredClone(user), created: true };
  }

  async get(uid: string) {
    const user = this.users.get(uid);
    return user && structuredClone(user);
  }

  async getMany(uids: readonly string[]) {
    return new Map(uids.filter((u) => this.users.has(u)).map((u) => [u, structuredClone(this.users.get(u)!)]));
  }

  async setClaims(uid: string, claims: MemberClaims | null) {
    const user = this.users.get(uid);
    if (!user) throw new Error(`no user ${uid}`);
    if (claims) user.claims = structuredClone(claims);
    else delete user.claims;
    this.sent.push({ op: 'setClaims', uid, claims });
  }

  async revokeSessions(uid: string) {
    this.sent.push({ op: 'revokeSessions', uid });
  }
}

export class MemoryMembershipStore implements MembershipStore {
  readonly memberships = new Map<string, Membership>();
  constructor(readonly tenants = new Set<string>()) {}

  async put(m: Membership) {
    const previous = this.memberships.get(m.uid);
    if (previous && previous.tenant !== m.tenant)
      throw new ConflictError('This user already belongs to another tenant.');
    this.memberships.set(
      m.uid,
      previous ? { ...m, invitedAt: previous.invitedAt, invitedBy: previous.invitedBy } : { ...m },
    );
    return { created: !previous, ...(previous ? { previous } : {}) };
  }

  async get(uid: string) {
    const m = this.memberships.get(uid);
    return m && { ...m };
  }

  async list(tenant: string, page: { after?: string; limit: number }) {
    return [...this.memberships.values()]
      .filter((m) => m.tenant === tenant && (page.after === undefined || m.uid > page.after))
      .sort((a, b) => (a.uid < b.uid ? -1 : 1))
      .slice(0, page.limit);
  }

  async delete(uid: string) {
    this.memberships.delete(uid);
  }

  async tenantExists(tenant: string) {
    return this.tenants.has(tenant);
  }
}
