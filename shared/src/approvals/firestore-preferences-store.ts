import type { Firestore } from '@google-cloud/firestore';
import { fromFirestore, queryDocuments } from '../gcp/firestore-documents';
import type { NotificationPrefs, PreferencesStore } from './notification-prefs';

/** `notification_prefs/{uid}`: written when a user saves them (rarely). */
export class FirestorePreferencesStore implements PreferencesStore {
  constructor(private readonly db: Firestore) {}
  private prefs() {
    return this.db.collection('notification_prefs');
  }
  async get(uid: string) {
    const snap = await this.prefs().doc(uid).get();
    return snap.exists ? (fromFirestore(snap.data()) as NotificationPrefs) : undefined;
  }
  async put(prefs: NotificationPrefs) {
    await this.prefs().doc(prefs.uid).set(prefs);
  }
  async withRole(role: string, limit: number) {
    return queryDocuments<NotificationPrefs>(this.prefs().where('roles', 'array-contains', role).limit(limit));
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return queryDocuments<NotificationPrefs>(
      this.prefs().where('tenant', '==', tenant).where('roles', 'array-contains', role).limit(limit),
    );
  }
}
