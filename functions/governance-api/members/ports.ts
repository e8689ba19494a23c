import type { Role } from '@backbone/shared/core';

/** The custom claims Backbone keeps on a Firebase Auth user: where they belong and what they may do. */
export interface MemberClaims {
  portal: 'CP' | 'PP';
  tenant: string;
  roles: Role[];
}

/** A user as the identity provider holds them. */
export interface DirectoryUser {
  uid: string;
  email?: string;
  /** Backbone's claims, if the user has any (a user invited nowhere has none). */
  claims?: Partial<MemberClaims>;
}

/** The identity provider (Firebase Auth in production): the source of truth for sign-in and claims. */
export interface UserDirectory {
  /** The user with this e-mail, created without a password if there is none (they sign in through the portal's e-mail flow). */
  findOrCreate(email: string): Promise<{ user: DirectoryUser; created: boolean }>;
  get(uid: string): Promise<DirectoryUser | undefined>;
  /** Up to 100 users by uid; unknown uids are left out. */
  getMany(uids: readonly string[]): Promise<Map<string, DirectoryUser>>;
  /** Replaces the user's Backbone claims; `null` removes them. */
  setClaims(uid: string, claims: MemberClaims | null): Promise<void>;
  /** Ends every session: refresh tokens stop working, and ID tokens issued before now are refused (checked on every request). */
  revokeSessions(uid: string): Promise<void>;
}

/** A user's membership of a tenant, as listed. Holds no personal data: the e-mail stays in the identity provider. */
export interface Membership {
  uid: string;
  tenant: string;
  portal: 'CP' | 'PP';
  roles: Role[];
  invitedAt: string;
  /** The uid of who invited them. */
  invitedBy: string;
  updatedAt: string;
}

/** Memberships by uid: a user belongs to one tenant at most. */
export interface MembershipStore {
  /**
   * Creates or updates `uid`'s membership of `membership.tenant` atomically, keeping the first
   * invitation's time and author; throws ConflictError when the user belongs to another tenant.
   */
  put(membership: Membership): Promise<{ created: boolean; previous?: Membership }>;
  get(uid: string): Promise<Membership | undefined>;
  /** A tenant's memberships in uid order, after `after`. */
  list(tenant: string, page: { after?: string; limit: number }): Promise<Membership[]>;
  delete(uid: string): Promise<void>;
  /** Whether a customer tenant exists (the provisioning saga writes it). */
  tenantExists(tenant: string): Promise<boolean>;
}
