import { getAuth, type Auth, type UserRecord } from 'firebase-admin/auth';
import { firebaseApp } from '@backbone/shared/gcp';
import type { DirectoryUser, MemberClaims, UserDirectory } from '../members/ports';

const codeOf = (error: unknown) => (error as { code?: string }).code;

function toUser(record: UserRecord): DirectoryUser {
  const claims = record.customClaims as DirectoryUser['claims'] | undefined;
  return { uid: record.uid, ...(record.email ? { email: record.email } : {}), ...(claims ? { claims } : {}) };
}

/**
 * Firebase Auth through firebase-admin (Identity Toolkit API; the function's service account holds
 * roles/firebaseauth.admin). Invited users get no password: they sign in with the portal's
 * e-mail link or password-reset flow, which Firebase Auth sends itself.
 */
export class FirebaseUserDirectory implements UserDirectory {
  constructor(private readonly auth: Auth) {}

  static forProject(projectId: string): FirebaseUserDirectory {
    return new FirebaseUserDirectory(getAuth(firebaseApp(projectId)));
  }

  async findOrCreate(email: string): Promise<{ user: DirectoryUser; created: boolean }> {
    const existing = await this.byEmail(email);
    if (existing) return { user: existing, created: false };
    try {
      return { user: toUser(await this.auth.createUser({ email, emailVerified: false })), created: true };
    } catch (error) {
      // Two invitations of one address at once: the loser reads what the winner made.
      if (codeOf(error) !== 'auth/email-already-exists') throw error;
      const raced = await this.byEmail(email);
      if (!raced) throw error;
      return { user: raced, created: false };
    }
  }

  async get(uid: string): Promise<DirectoryUser | undefined> {
    try {
      return toUser(await this.auth.getUser(uid));
    } catch (error) {
      if (codeOf(error) === 'auth/user-not-found') return undefined;
      throw error;
    }
  }

  async getMany(uids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    if (uids.length === 0) return new Map();
    const { users } = await this.auth.getUsers(uids.map((uid) => ({ uid })));
    return new Map(users.map((u) => [u.uid, toUser(u)]));
  }

  async setClaims(uid: string, claims: MemberClaims | null): Promise<void> {
    await this.auth.setCustomUserClaims(uid, claims);
  }

  async revokeSessions(uid: string): Promise<void> {
    await this.auth.revokeRefreshTokens(uid);
  }

  private async byEmail(email: string): Promise<DirectoryUser | undefined> {
    try {
      return toUser(await this.auth.getUserByEmail(email));
    } catch (error) {
      if (codeOf(error) === 'auth/user-not-found') return undefined;
      throw error;
    }
  }
}
