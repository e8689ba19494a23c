import { MemoryRecords } from './memory-records';
import type { NotificationPrefs, PreferencesStore } from './notification-prefs';

/** The PreferencesStore contract in memory. */
export class MemoryPreferencesStore implements PreferencesStore {
  private readonly prefs = new MemoryRecords<NotificationPrefs>();
  async get(uid: string) {
    return this.prefs.get(uid);
  }
  async put(prefs: NotificationPrefs) {
    this.prefs.put(prefs.uid, prefs);
  }
  async withRole(role: string, limit: number) {
    return this.prefs.select((p) => p.roles.includes(role), undefined, limit);
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return this.prefs.select((p) => p.roles.includes(role) && p.tenant === tenant, undefined, limit);
  }
}
