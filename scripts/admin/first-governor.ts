import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from '@google-cloud/firestore';
import { systemClock } from '@backbone/shared/core';
import { FirebaseUserDirectory } from '../../functions/governance-api/adapters/firebase-user-directory';
import { FirestoreMembershipStore } from '../../functions/governance-api/adapters/firestore-memberships';
import { TenantMembers } from '../../functions/governance-api/members/service';

/** The actor the first governor's membership names: an operator with IAM rights, not a portal user. */
export const BOOTSTRAP_ACTOR = 'operator:bootstrap';

/**
 * The one membership no one can grant through the API (every grant needs a governor): the first
 * Platform Governor, written by the members service itself, so it is listed and audited like the rest.
 */
export async function makeFirstGovernor(auth: Auth, db: Firestore, email: string) {
  const members = new TenantMembers({
    directory: new FirebaseUserDirectory(auth),
    memberships: new FirestoreMembershipStore(db),
    clock: systemClock,
  });
  return members.invite(BOOTSTRAP_ACTOR, 'platform', email.toLowerCase(), ['platform_governor']);
}
